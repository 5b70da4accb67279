//! iCalendar feeds (RFC 5545), written by hand.
//!
//! Why by hand: an event's opening hours are local times at the venue, so
//! DTSTART and DTEND carry `TZID=<IANA name>`, and RFC 5545 (3.2.19) requires a
//! VTIMEZONE component for every TZID used. No maintained Rust iCalendar writer
//! produces VTIMEZONE, so this module derives one from chrono-tz: every UTC
//! offset change of the zone in the years the feed covers becomes an observance
//! (STANDARD or DAYLIGHT) with its exact DTSTART, so a client needs no
//! knowledge of its own. An exhibition with opening hours is one event per day
//! (RRULE FREQ=DAILY with a COUNT); one without hours is an all-day event.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::models::{Exhibition, Status};

/// One event of a feed.
pub struct FeedEvent<'a> {
    pub exhibition: &'a Exhibition,
    pub holder: String,
    /// The page about it, for the URL property.
    pub url: Option<String>,
}

/// The whole calendar.
pub fn calendar(name: &str, events: &[FeedEvent<'_>], stamp: NaiveDateTime) -> String {
    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//Mayors for Peace//Solidarity exhibitions//EN");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.property("X-WR-CALNAME", &text(name));
    for zone in zones_used(events) {
        timezone(&mut out, zone.0, zone.1, zone.2);
    }
    for event in events {
        vevent(&mut out, event, stamp);
    }
    out.line("END:VCALENDAR");
    out.0
}

/// Each zone with timed events, and the years its observances must cover.
fn zones_used(events: &[FeedEvent<'_>]) -> Vec<(Tz, i32, i32)> {
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for e in events {
        if e.exhibition.hours().is_some() {
            names.insert(&e.exhibition.time_zone);
        }
    }
    names
        .into_iter()
        .filter_map(|name| {
            let tz: Tz = name.parse().ok()?;
            let years = events
                .iter()
                .filter(|e| e.exhibition.time_zone == name && e.exhibition.hours().is_some())
                .flat_map(|e| [e.exhibition.starts_on.year(), e.exhibition.ends_on.year()]);
            let first = years.clone().min()?;
            let last = years.max()?;
            Some((tz, first, last))
        })
        .collect()
}

fn offset_seconds(tz: Tz, at: NaiveDateTime) -> (i32, bool, String) {
    let offset = tz.offset_from_utc_datetime(&at);
    let dst = !offset.dst_offset().is_zero();
    let name = offset
        .abbreviation()
        .map(str::to_string)
        .unwrap_or_else(|| utc_offset(offset.fix().local_minus_utc()));
    (offset.fix().local_minus_utc(), dst, name)
}

/// VTIMEZONE with one observance at the start of `first_year` and one for each
/// change of offset up to the end of `last_year`.
fn timezone(out: &mut Lines, tz: Tz, first_year: i32, last_year: i32) {
    let Some(start) =
        NaiveDate::from_ymd_opt(first_year, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0))
    else {
        return;
    };
    let Some(end) =
        NaiveDate::from_ymd_opt(last_year + 1, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0))
    else {
        return;
    };
    out.line("BEGIN:VTIMEZONE");
    out.property("TZID", tz.name());
    let (mut offset, mut dst, name) = offset_seconds(tz, start);
    observance(
        out,
        dst,
        start + Duration::seconds(i64::from(offset)),
        offset,
        offset,
        &name,
    );
    // Offsets change at most a few times a year and never twice within six
    // hours: scan in steps of six hours, then find the exact second.
    let step = Duration::hours(6);
    let mut at = start;
    while at < end {
        let next = at + step;
        let (next_offset, next_dst, _) = offset_seconds(tz, next);
        if next_offset != offset || next_dst != dst {
            let change = first_change(tz, at, next, offset);
            let (to, to_dst, to_name) = offset_seconds(tz, change);
            // DTSTART of an observance is the local time before the change.
            let local = change + Duration::seconds(i64::from(offset));
            observance(out, to_dst, local, offset, to, &to_name);
            offset = to;
            dst = to_dst;
        }
        at = next;
    }
    out.line("END:VTIMEZONE");
}

/// The first second in `(from, to]` whose offset differs from `offset`.
fn first_change(tz: Tz, from: NaiveDateTime, to: NaiveDateTime, offset: i32) -> NaiveDateTime {
    let (mut low, mut high) = (from, to);
    while (high - low) > Duration::seconds(1) {
        let middle = low + (high - low) / 2;
        if offset_seconds(tz, middle).0 == offset {
            low = middle;
        } else {
            high = middle;
        }
    }
    high
}

fn observance(
    out: &mut Lines,
    dst: bool,
    local_start: NaiveDateTime,
    from: i32,
    to: i32,
    name: &str,
) {
    let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
    out.line(&format!("BEGIN:{kind}"));
    out.property("DTSTART", &local(local_start));
    out.property("TZOFFSETFROM", &utc_offset(from));
    out.property("TZOFFSETTO", &utc_offset(to));
    out.property("TZNAME", &text(name));
    out.line(&format!("END:{kind}"));
}

fn vevent(out: &mut Lines, event: &FeedEvent<'_>, stamp: NaiveDateTime) {
    let e = event.exhibition;
    out.line("BEGIN:VEVENT");
    out.property(
        "UID",
        &format!("exhibition-{}@solidarity.mayorsforpeace", e.id),
    );
    out.property("DTSTAMP", &utc(stamp));
    out.property("LAST-MODIFIED", &utc(e.updated_at));
    let days = (e.ends_on - e.starts_on).num_days() + 1;
    match timed(e) {
        Some((zone, opens, closes)) => {
            let start = e.starts_on.and_time(opens);
            out.property(&format!("DTSTART;TZID={zone}"), &local(start));
            out.property(
                &format!("DTEND;TZID={zone}"),
                &local(e.starts_on.and_time(closes)),
            );
            if days > 1 {
                out.property("RRULE", &format!("FREQ=DAILY;COUNT={days}"));
            }
        }
        None => {
            out.property("DTSTART;VALUE=DATE", &date(e.starts_on));
            out.property("DTEND;VALUE=DATE", &date(e.ends_on + Duration::days(1)));
        }
    }
    out.property("SUMMARY", &text(&e.title));
    out.property(
        "LOCATION",
        &text(&format!("{}, {}", e.venue, e.address.replace('\n', ", "))),
    );
    out.property("DESCRIPTION", &text(&event.holder));
    if let Some(url) = &event.url {
        out.property("URL", url);
    }
    let status = match e.status {
        Status::Requested => "TENTATIVE",
        Status::Cancelled | Status::Declined => "CANCELLED",
        _ => "CONFIRMED",
    };
    out.property("STATUS", status);
    out.line("END:VEVENT");
}

/// The zone and the opening and closing times, when all three are usable.
fn timed(e: &Exhibition) -> Option<(&str, NaiveTime, NaiveTime)> {
    let (opens, closes) = e.hours()?;
    let _: Tz = e.time_zone.parse().ok()?;
    Some((
        &e.time_zone,
        NaiveTime::parse_from_str(&opens, "%H:%M").ok()?,
        NaiveTime::parse_from_str(&closes, "%H:%M").ok()?,
    ))
}

pub fn utc(at: NaiveDateTime) -> String {
    Utc.from_utc_datetime(&at)
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}

fn local(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

pub fn date(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    if s % 60 == 0 {
        format!("{sign}{:02}{:02}", s / 3600, s % 3600 / 60)
    } else {
        format!("{sign}{:02}{:02}{:02}", s / 3600, s % 3600 / 60, s % 60)
    }
}

/// A TEXT value (3.3.11): backslash, semicolon, comma and newline escaped.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Content lines: CRLF-terminated, folded at 75 octets without splitting a
/// UTF-8 character (3.1).
/// Other calendars (a meeting's) write their lines with it too.
#[derive(Default)]
pub struct Lines(String);

impl Lines {
    pub fn property(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{value}"));
    }

    pub fn into_string(self) -> String {
        self.0
    }

    pub fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            let len = c.len_utf8();
            if width + len > 75 {
                self.0.push_str("\r\n ");
                width = 1;
            }
            self.0.push(c);
            width += len;
        }
        self.0.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_folded_within_75_octets_and_text_is_escaped() {
        let mut lines = Lines::default();
        lines.property("SUMMARY", &text(&"原爆ポスター展, Hiroshima; ".repeat(8)));
        for line in lines.0.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        assert!(lines.0.contains("\\,"));
        assert!(lines.0.contains("\\;"));
    }

    #[test]
    fn offsets_are_written_as_rfc_5545_utc_offsets() {
        assert_eq!(utc_offset(9 * 3600), "+0900");
        assert_eq!(utc_offset(-(4 * 3600 + 30 * 60)), "-0430");
        assert_eq!(utc_offset(0), "+0000");
    }

    #[test]
    fn a_zone_with_summer_time_gets_its_two_changes_of_the_year() {
        let mut out = Lines::default();
        timezone(&mut out, chrono_tz::Europe::Brussels, 2027, 2027);
        // 2027: summer time from 28 March 02:00 CET, winter time from 31 October 03:00 CEST.
        assert!(out.0.contains("BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200"), "{}", out.0);
        assert!(out.0.contains("BEGIN:STANDARD\r\nDTSTART:20271031T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100"), "{}", out.0);
    }
}
