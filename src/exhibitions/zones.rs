//! Time zones by country, for the exhibition form: the zones of the venue's
//! country are offered first, with a sensible default; any IANA zone is allowed.
//!
//! The mapping is the tz database's own `zone.tab` (public domain, copied from
//! tzdata beside this file): one row per country and zone, with the country's
//! own zone names (Europe/Oslo for Norway, where zone1970.tab says Berlin).
//! keshvar, which knows the countries, carries no time zones.

use std::str::FromStr;

use chrono_tz::Tz;

const ZONE_TAB: &str = include_str!("zone.tab");

/// Countries whose first zone in zone.tab is not where most people live.
const MAIN_ZONE: &[(&str, &str)] = &[
    ("RU", "Europe/Moscow"),
    ("CA", "America/Toronto"),
    ("AU", "Australia/Sydney"),
    ("BR", "America/Sao_Paulo"),
    ("US", "America/New_York"),
];

/// The zones of a country, as zone.tab lists them.
pub fn zones_of(country_code: &str) -> Vec<&'static str> {
    ZONE_TAB
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let mut columns = line.split('\t');
            let code = columns.next()?;
            let _coordinates = columns.next()?;
            let zone = columns.next()?;
            (code == country_code).then_some(zone)
        })
        .collect()
}

/// The zone a venue in this country most likely uses; UTC for a region the
/// tz database does not list (the user then picks one).
pub fn default_zone(country_code: &str) -> &'static str {
    if let Some((_, zone)) = MAIN_ZONE.iter().find(|(code, _)| *code == country_code) {
        return zone;
    }
    zones_of(country_code).first().copied().unwrap_or("UTC")
}

/// A zone name from a form: any IANA zone.
pub fn parse(name: &str) -> Option<Tz> {
    Tz::from_str(name.trim()).ok()
}

/// Every zone name, for the "other zone" choice.
pub fn all() -> impl Iterator<Item = &'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_zone_of_zone_tab_is_known_to_chrono_tz() {
        let zones: Vec<&str> = ZONE_TAB
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').nth(2))
            .collect();
        assert!(zones.len() > 300);
        for zone in zones {
            assert!(parse(zone).is_some(), "{zone}");
        }
    }

    #[test]
    fn defaults_follow_the_country() {
        assert_eq!(default_zone("JP"), "Asia/Tokyo");
        assert_eq!(default_zone("KR"), "Asia/Seoul");
        assert_eq!(default_zone("NO"), "Europe/Oslo");
        assert_eq!(default_zone("RU"), "Europe/Moscow");
        assert_eq!(default_zone("X-SOMALILAND"), "UTC");
        assert!(zones_of("US").contains(&"America/Chicago"));
        for (_, zone) in MAIN_ZONE {
            assert!(parse(zone).is_some());
        }
    }
}
