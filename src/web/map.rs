//! A world map drawn as server-side SVG: each country a path coloured by a
//! count (a few steps, with a legend) and titled with its name and count.
//!
//! The shapes are Natural Earth 1:110m (public domain), converted once by
//! .ci/world-map/convert.py into `world_map.txt` (one `XX d` line per ISO 3166
//! alpha-2 code) and included at compile time.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The shapes' box (an equirectangular projection, Antarctica left out).
pub const MAP_WIDTH: i64 = 1000;
pub const MAP_HEIGHT: i64 = 400;

/// Fills from the fewest to the most; countries without any get `NO_DATA`.
const STEPS: [&str; 5] = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
pub const NO_DATA: &str = "#e4e4e4";

const SHAPES_TEXT: &str = include_str!("world_map.txt");

fn shapes() -> &'static [(&'static str, &'static str)] {
    static SHAPES: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        SHAPES_TEXT
            .lines()
            .filter_map(|line| line.split_once(' '))
            .filter(|(_, d)| is_path_data(d))
            .collect()
    })
}

/// Whether `d` holds nothing but path commands and numbers: the shapes file
/// is written without escaping, which is safe only for these.
fn is_path_data(d: &str) -> bool {
    d.bytes()
        .all(|b| b.is_ascii_digit() || b" .,-MLZmlz".contains(&b))
}

/// Where pages find the shapes (`web::assets` serves them).
pub const SHAPES_URL: &str = "/static/world-map.svg";

/// Every shape once, as an SVG document of paths named by their codes: a
/// page's map refers to them (`<use href="/static/world-map.svg#JP">`) and
/// only colours and titles them, so the browser loads the 150 KB of shapes
/// once and keeps them, and a page with a map weighs about 20 KB instead of
/// 170 KB (writing the shapes into every page was most of the petition
/// page's time and size).
pub fn shapes_document() -> &'static str {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {MAP_WIDTH} {MAP_HEIGHT}\">\n"
        );
        for (code, d) in shapes() {
            svg.push_str(&format!("<path id=\"{code}\" d=\"{d}\"/>\n"));
        }
        svg.push_str("</svg>\n");
        svg
    })
}

/// Whether the map has a shape for this alpha-2 code.
pub fn has_shape(code: &str) -> bool {
    shapes().iter().any(|(c, _)| *c == code)
}

/// One country on the map.
#[derive(Debug, Clone)]
pub struct MapCountry {
    pub code: &'static str,
    /// In the reader's language (the code when the name is unknown).
    pub name: String,
    pub count: i64,
    pub fill: &'static str,
}

/// One step of the legend: counts from `from` to `to`, drawn in `fill`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegendStep {
    pub from: i64,
    pub to: i64,
    pub fill: &'static str,
}

/// A map ready for the template `web/world_map.html`.
#[derive(Debug, Clone)]
pub struct WorldMap {
    /// What the map shows, for screen readers (the SVG's label).
    pub label: String,
    pub countries: Vec<MapCountry>,
    pub legend: Vec<LegendStep>,
    /// Counted regions without a shape on the map (name, count), most first.
    pub unmapped: Vec<(String, i64)>,
    pub total: i64,
    pub width: i64,
    pub height: i64,
    pub no_data: &'static str,
}

impl WorldMap {
    /// The shapes' document, which the map's countries refer to.
    pub fn shapes_url(&self) -> &'static str {
        SHAPES_URL
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}

/// Upper bounds of up to five steps growing geometrically up to `max`.
fn bounds(max: i64) -> Vec<i64> {
    let mut bounds: Vec<i64> = Vec::new();
    if max <= 0 {
        return bounds;
    }
    let n = STEPS.len() as i32;
    for k in 1..=n {
        let bound = if k == n {
            max
        } else {
            ((max as f64).powf(f64::from(k) / f64::from(n)).ceil() as i64).min(max)
        };
        if bounds.last().is_none_or(|last| bound > *last) {
            bounds.push(bound);
        }
    }
    bounds
}

/// The map of `counts` (alpha-2 code, count), names from `names` (code to
/// the name in the reader's language).
pub fn world_map(
    label: String,
    counts: &[(String, i64)],
    names: &HashMap<String, String>,
) -> WorldMap {
    let mut by_code: HashMap<&str, i64> = HashMap::new();
    for (code, n) in counts {
        *by_code.entry(code.as_str()).or_default() += n;
    }
    let max = by_code.values().copied().max().unwrap_or(0);
    let bounds = bounds(max);
    // The darkest steps for the few bounds there are.
    let offset = STEPS.len() - bounds.len();
    let fill_for = |count: i64| -> &'static str {
        if count <= 0 {
            return NO_DATA;
        }
        let step = bounds
            .iter()
            .position(|b| count <= *b)
            .unwrap_or(bounds.len() - 1);
        STEPS[offset + step]
    };
    let name_of = |code: &str| names.get(code).cloned().unwrap_or_else(|| code.to_string());
    let countries: Vec<MapCountry> = shapes()
        .iter()
        .map(|(code, _)| {
            let count = by_code.get(code).copied().unwrap_or(0);
            MapCountry {
                code,
                name: name_of(code),
                count,
                fill: fill_for(count),
            }
        })
        .collect();
    let mut unmapped: Vec<(String, i64)> = by_code
        .iter()
        .filter(|(code, n)| **n > 0 && !has_shape(code))
        .map(|(code, n)| (name_of(code), *n))
        .collect();
    unmapped.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let legend = bounds
        .iter()
        .enumerate()
        .map(|(i, to)| LegendStep {
            from: if i == 0 { 1 } else { bounds[i - 1] + 1 },
            to: *to,
            fill: STEPS[offset + i],
        })
        .collect();
    WorldMap {
        label,
        countries,
        legend,
        unmapped,
        total: by_code.values().filter(|n| **n > 0).sum(),
        width: MAP_WIDTH,
        height: MAP_HEIGHT,
        no_data: NO_DATA,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_is_plain_path_data_and_none_is_dropped() {
        assert_eq!(shapes().len(), SHAPES_TEXT.lines().count());
        assert!(shapes().len() > 150);
        assert!(!is_path_data("M0 0L1 1\"/><script>"));
        let document = shapes_document();
        assert!(document.contains("<path id=\"JP\" d=\"M"));
        assert_eq!(document.matches("<path ").count(), shapes().len());
    }

    #[test]
    fn shapes_cover_the_countries_with_iso_codes() {
        assert!(shapes().len() > 150);
        for code in ["FR", "JP", "KR", "BR", "US", "RU", "AU", "ZA"] {
            assert!(has_shape(code), "{code}");
        }
    }

    #[test]
    fn steps_grow_and_end_at_the_maximum() {
        assert_eq!(bounds(0), Vec::<i64>::new());
        assert_eq!(bounds(1), vec![1]);
        assert_eq!(bounds(100), vec![3, 7, 16, 40, 100]);
        let map = world_map(
            "m".into(),
            &[("FR".into(), 100), ("JP".into(), 1), ("XX".into(), 2)],
            &HashMap::new(),
        );
        let fill = |code: &str| {
            map.countries
                .iter()
                .find(|c| c.code == code)
                .map(|c| c.fill)
        };
        assert_eq!(fill("FR"), Some(STEPS[4]));
        assert_eq!(fill("JP"), Some(STEPS[0]));
        assert_eq!(fill("DE"), Some(NO_DATA));
        assert_eq!(map.unmapped, vec![("XX".to_string(), 2)]);
        assert_eq!(map.total, 103);
    }
}
