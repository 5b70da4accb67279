#!/usr/bin/env python3
"""Converts Natural Earth 1:110m country shapes into src/web/world_map.txt.

Run once (the output is committed); the inputs come from two npm packages:

    npm pack world-atlas@2.0.2 i18n-iso-countries@7.14.0
    tar xzf world-atlas-2.0.2.tgz --one-top-level=world-atlas
    tar xzf i18n-iso-countries-7.14.0.tgz --one-top-level=iso
    python3 .ci/world-map/convert.py world-atlas/package/countries-110m.json \
        iso/package/codes.json > src/web/world_map.txt

world-atlas's countries-110m.json is Natural Earth (public domain) as
TopoJSON, ids being ISO 3166-1 numeric codes; codes.json of
i18n-iso-countries maps them to alpha-2. The output has one line per country,
`XX d`, where d is an SVG path in an equirectangular projection onto a
1000 x 400 box (longitude -180..180, latitude 83..-57; Antarctica left out;
rings across the antimeridian drawn on both sides, clipped by the box),
coordinates rounded to a tenth of a unit, rings thinned to points at least
0.6 units apart. Shapes without an ISO code (e.g. Kosovo, Northern Cyprus,
Somaliland in Natural Earth) are left out: the pages list them under the map.
"""
import json
import sys

WIDTH, HEIGHT = 1000.0, 400.0
LAT_TOP, LAT_BOTTOM = 83.0, -57.0
MIN_STEP = 0.6


def main(topo_path, codes_path):
    topo = json.load(open(topo_path))
    numeric_to_alpha2 = {row[2]: row[0] for row in json.load(open(codes_path))}
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def project(lon, lat):
        px = (lon + 180.0) / 360.0 * WIDTH
        py = (LAT_TOP - lat) / (LAT_TOP - LAT_BOTTOM) * HEIGHT
        return round(px, 1), round(py, 1)

    def ring(indexes):
        points = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            points.extend(arc if not points else arc[1:])
        # Rings crossing the antimeridian (Russia, Fiji) are made continuous,
        # then drawn twice: once as they are, once a world to the side; the
        # SVG's box clips what falls outside.
        unwrapped = []
        for lon, lat in points:
            if unwrapped:
                while lon - unwrapped[-1][0] > 180:
                    lon -= 360
                while lon - unwrapped[-1][0] < -180:
                    lon += 360
            unwrapped.append((lon, lat))
        copies = [0]
        if any(lon > 180 for lon, _ in unwrapped):
            copies.append(-360)
        if any(lon < -180 for lon, _ in unwrapped):
            copies.append(360)
        return "".join(path(unwrapped, shift) for shift in copies)

    def path(points, shift):
        kept = []
        for lon, lat in points:
            p = project(lon + shift, lat)
            if not kept or abs(p[0] - kept[-1][0]) + abs(p[1] - kept[-1][1]) >= MIN_STEP:
                kept.append(p)
        if len(kept) < 3:
            return ""
        fmt = lambda v: ("%.1f" % v).rstrip("0").rstrip(".")
        return "M" + "L".join(fmt(x) + " " + fmt(y) for x, y in kept) + "Z"

    shapes = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        code = numeric_to_alpha2.get(geometry.get("id"))
        if code is None or code == "AQ":
            continue
        polygons = geometry["arcs"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        d = "".join(ring(r) for polygon in polygons for r in polygon)
        if d:
            shapes[code] = shapes.get(code, "") + d
    for code in sorted(shapes):
        print(code, shapes[code])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
