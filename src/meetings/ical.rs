//! A meeting as an iCalendar file (RFC 5545), with the lines, folding and
//! escaping of the exhibitions' feeds (`exhibitions::ical`). A meeting runs
//! whole days at its venue, so it is an all-day event (DATE values need no
//! time zone); the venue's zone is named in the description.

use chrono::{Duration, NaiveDateTime};

use super::models::Meeting;
use crate::exhibitions::ical::{date, text, utc, Lines};
use crate::i18n::Lang;

pub fn calendar(meeting: &Meeting, lang: &Lang, url: &str, stamp: NaiveDateTime) -> String {
    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//Mayors for Peace//Solidarity meetings//EN");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.line("BEGIN:VEVENT");
    out.property(
        "UID",
        &format!("meeting-{}@solidarity.mayorsforpeace", meeting.id),
    );
    out.property("DTSTAMP", &utc(stamp));
    out.property("LAST-MODIFIED", &utc(meeting.updated_at));
    out.property("DTSTART;VALUE=DATE", &date(meeting.starts_on));
    out.property(
        "DTEND;VALUE=DATE",
        &date(meeting.ends_on + Duration::days(1)),
    );
    out.property("SUMMARY", &text(meeting.title(lang)));
    out.property("LOCATION", &text(&meeting.venue));
    out.property(
        "DESCRIPTION",
        &text(&format!(
            "{} ({})",
            lang.t(meeting.kind.label_key()),
            meeting.time_zone
        )),
    );
    out.property("URL", url);
    out.property("STATUS", "CONFIRMED");
    out.line("END:VEVENT");
    out.line("END:VCALENDAR");
    out.into_string()
}
