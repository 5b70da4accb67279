//! Countries and regions, each in one of the six continent groups of the
//! association's own statistics (the paper's Table 4).
//!
//! ISO 3166-1 entries come from the keshvar crate (with Japanese and Korean
//! names) and are written into the `countries` table at start; admins add the
//! regions that have no ISO code (Somaliland, Northern Cyprus, Kosovo).

use diesel::prelude::*;
use keshvar::{CountryIterator, Region, SubRegion};

use std::collections::HashSet;

use super::error::MembershipError;
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn, DbResult};
use crate::domain::{CountryCode, PlainLine};
use crate::i18n::Lang;
use crate::schema::countries;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Continent {
    Asia,
    Oceania,
    Africa,
    Europe,
    NorthAmerica,
    LatinAmerica,
}

impl Continent {
    /// In the order of Table 4.
    pub const ALL: [Continent; 6] = [
        Continent::Asia,
        Continent::Oceania,
        Continent::Africa,
        Continent::Europe,
        Continent::NorthAmerica,
        Continent::LatinAmerica,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Continent::Asia => "asia",
            Continent::Oceania => "oceania",
            Continent::Africa => "africa",
            Continent::Europe => "europe",
            Continent::NorthAmerica => "north_america",
            Continent::LatinAmerica => "latin_america",
        }
    }

    pub fn parse(text: &str) -> Option<Continent> {
        Continent::ALL.into_iter().find(|c| c.as_str() == text)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Continent::Asia => "continent-asia",
            Continent::Oceania => "continent-oceania",
            Continent::Africa => "continent-africa",
            Continent::Europe => "continent-europe",
            Continent::NorthAmerica => "continent-north-america",
            Continent::LatinAmerica => "continent-latin-america",
        }
    }

    /// The UN M49 grouping, with the Americas split as the association does.
    fn of(region: Region, subregion: Option<SubRegion>) -> Option<Continent> {
        match region {
            Region::Asia => Some(Continent::Asia),
            Region::Europe => Some(Continent::Europe),
            Region::Africa => Some(Continent::Africa),
            Region::Oceania => Some(Continent::Oceania),
            Region::Americas if subregion == Some(SubRegion::NorthernAmerica) => {
                Some(Continent::NorthAmerica)
            }
            Region::Americas => Some(Continent::LatinAmerica),
            Region::Antarctica => None,
        }
    }
}

impl TryFrom<String> for Continent {
    type Error = String;

    fn try_from(text: String) -> Result<Continent, String> {
        Continent::parse(&text).ok_or_else(|| format!("unknown continent {text:?}"))
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = countries)]
pub struct Country {
    #[diesel(deserialize_as = String)]
    pub code: CountryCode,
    pub name_en: String,
    pub name_ja: Option<String>,
    pub name_ko: Option<String>,
    #[diesel(deserialize_as = String)]
    pub continent: Continent,
    pub iso: bool,
}

impl Country {
    /// The name in `lang`, falling back to English.
    pub fn name(&self, lang: &Lang) -> &str {
        let translated = match lang.code().as_str() {
            "ja" => self.name_ja.as_deref(),
            "ko" => self.name_ko.as_deref(),
            _ => None,
        };
        translated.unwrap_or(&self.name_en)
    }
}

/// Everyday English names where ISO's short name is formal or contested.
fn everyday_english_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "GB" => "United Kingdom",
        "US" => "United States",
        "KR" => "Republic of Korea",
        "KP" => "Democratic People's Republic of Korea",
        "TW" => "Taiwan",
        "RU" => "Russia",
        "IR" => "Iran",
        "SY" => "Syria",
        "LA" => "Laos",
        "BO" => "Bolivia",
        "VE" => "Venezuela",
        "TZ" => "Tanzania",
        "MD" => "Moldova",
        "PS" => "Palestine",
        "FM" => "Micronesia",
        "CD" => "Democratic Republic of the Congo",
        "CG" => "Republic of the Congo",
        "VN" => "Viet Nam",
        "BN" => "Brunei",
        "NL" => "Netherlands",
        "PH" => "Philippines",
        "CZ" => "Czechia",
        "TR" => "Türkiye",
        _ => return None,
    })
}

/// Current Japanese and Korean names where keshvar's are dated or formal
/// (グルジア is ジョージア in Japan since 2015; 터키 is 튀르키예 in Korea since
/// 2022). The migration `2026-12-03-000121_current_country_names` brings the
/// rows written before up to date.
fn current_name(code: &str, language: &str) -> Option<&'static str> {
    Some(match (code, language) {
        ("GE", "ja") => "ジョージア",
        ("TR", "ko") => "튀르키예",
        ("CZ", "ja") => "チェコ",
        ("KR", "ja") => "大韓民国",
        ("VA", "ja") => "バチカン",
        ("VA", "ko") => "바티칸",
        ("RU", "ja") => "ロシア",
        ("RU", "ko") => "러시아",
        ("IR", "ja") => "イラン",
        ("IR", "ko") => "이란",
        ("SY", "ja") => "シリア",
        ("SY", "ko") => "시리아",
        ("LA", "ja") => "ラオス",
        ("LA", "ko") => "라오스",
        ("BN", "ja") => "ブルネイ",
        ("BN", "ko") => "브루나이",
        ("CV", "ja") => "カーボベルデ",
        ("SZ", "ja") => "エスワティニ",
        ("VG", "ko") => "영국령 버진아일랜드",
        ("VI", "ko") => "미국령 버진아일랜드",
        _ => return None,
    })
}

/// Regions without an ISO code that the association counts, present from the start.
const REGIONS_WITHOUT_ISO_CODE: [(&str, &str, &str, &str, Continent); 3] = [
    (
        "X-SOMALILAND",
        "Somaliland",
        "ソマリランド",
        "소말릴란드",
        Continent::Africa,
    ),
    (
        "X-NORTHERN-CYPRUS",
        "Northern Cyprus",
        "北キプロス",
        "북키프로스",
        Continent::Asia,
    ),
    ("XK", "Kosovo", "コソボ", "코소보", Continent::Europe),
];

/// Writes the ISO 3166-1 countries and the known regions into the table, once.
/// Rows already there (possibly edited by an admin) are left as they are.
pub fn ensure_reference_data(conn: &mut DbConn) -> DbResult<usize> {
    let existing: Vec<String> = countries::table.select(countries::code).load(conn)?;
    let now = crate::domain::clock::now();
    let mut rows = Vec::new();
    for country in CountryIterator::new() {
        let Some(region) = country.maybe_region() else {
            continue;
        };
        let Some(continent) = Continent::of(region, country.maybe_subregion()) else {
            continue;
        };
        let code = country.alpha2().to_string();
        if existing.contains(&code) {
            continue;
        }
        let name_en = everyday_english_name(&code)
            .map(str::to_string)
            .unwrap_or_else(|| country.iso_short_name().to_string());
        let translations = country.translations();
        let name_in = |language: &str| {
            current_name(&code, language)
                .or_else(|| translations.get(language).copied())
                .map(str::to_string)
        };
        let (name_ja, name_ko) = (name_in("ja"), name_in("ko"));
        rows.push((
            countries::code.eq(code),
            countries::name_en.eq(name_en),
            countries::name_ja.eq(name_ja),
            countries::name_ko.eq(name_ko),
            countries::continent.eq(continent.as_str()),
            countries::iso.eq(true),
            countries::created_at.eq(now),
        ));
    }
    for (code, en, ja, ko, continent) in REGIONS_WITHOUT_ISO_CODE {
        if existing.iter().any(|c| c == code) {
            continue;
        }
        rows.push((
            countries::code.eq(code.to_string()),
            countries::name_en.eq(en.to_string()),
            countries::name_ja.eq(Some(ja.to_string())),
            countries::name_ko.eq(Some(ko.to_string())),
            countries::continent.eq(continent.as_str()),
            countries::iso.eq(false),
            countries::created_at.eq(now),
        ));
    }
    let added = rows.len();
    for chunk in rows.chunks(100) {
        crate::on_backend!(conn, |c| diesel::insert_into(countries::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(added)
}

pub fn all(conn: &mut DbConn) -> DbResult<Vec<Country>> {
    Ok(countries::table
        .order(countries::name_en.asc())
        .select(Country::as_select())
        .load(conn)?)
}

pub fn find(conn: &mut DbConn, code: &str) -> DbResult<Option<Country>> {
    Ok(countries::table
        .find(code)
        .select(Country::as_select())
        .first(conn)
        .optional()?)
}

/// The one rule for a country code from a form or a file: well formed
/// ([`CountryCode::parse`]: an ISO code or a region's `X-` code, in any case)
/// and one the countries table holds. Anything else is
/// [`MembershipError::UnknownCountry`].
pub fn known(conn: &mut DbConn, input: &str) -> Result<Country, MembershipError> {
    let code = CountryCode::parse(input).map_err(|_| MembershipError::UnknownCountry)?;
    find(conn, &code)?.ok_or(MembershipError::UnknownCountry)
}

/// The countries table read once, for checking many codes (the rows of a file)
/// with the same rule as [`known`].
pub struct KnownCountries(HashSet<String>);

impl KnownCountries {
    pub fn load(conn: &mut DbConn) -> DbResult<KnownCountries> {
        Ok(KnownCountries(
            countries::table
                .select(countries::code)
                .load::<String>(conn)?
                .into_iter()
                .collect(),
        ))
    }

    pub fn contains(&self, code: &CountryCode) -> bool {
        self.0.contains(code.as_str())
    }

    pub fn check(&self, input: &str) -> Result<CountryCode, MembershipError> {
        CountryCode::parse(input)
            .ok()
            .filter(|code| self.0.contains(code.as_str()))
            .ok_or(MembershipError::UnknownCountry)
    }

    /// The countries of a test, without a database.
    #[cfg(test)]
    pub(crate) fn of(codes: &[&str]) -> KnownCountries {
        KnownCountries(codes.iter().map(|code| code.to_string()).collect())
    }
}

/// Adds a region without an ISO code; its code is made from its English name
/// (folded to Latin letters first, so `Åland` gives `X-ALAND`).
pub fn add_region(
    conn: &mut DbConn,
    name_en: &str,
    name_ja: Option<&str>,
    name_ko: Option<&str>,
    continent: Continent,
) -> Result<CountryCode, MembershipError> {
    let code = CountryCode::for_region(&crate::membership::names::fold(name_en))
        .map_err(|_| MembershipError::Refused("countries-add-invalid"))?;
    diesel::insert_into(countries::table)
        .values((
            countries::code.eq(code.as_str()),
            countries::name_en.eq(name_en),
            countries::name_ja.eq(name_ja),
            countries::name_ko.eq(name_ko),
            countries::continent.eq(continent.as_str()),
            countries::iso.eq(false),
            countries::created_at.eq(crate::domain::clock::now()),
        ))
        .execute(conn)?;
    Ok(code)
}

pub fn set_continent(conn: &mut DbConn, code: &str, continent: Continent) -> DbResult<bool> {
    Ok(diesel::update(countries::table.find(code))
        .set(countries::continent.eq(continent.as_str()))
        .execute(conn)?
        == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn americas_split_as_the_association_counts_them() {
        let continent_of = |code: &str| {
            let country = CountryIterator::new()
                .find(|c| c.alpha2().to_string() == code)
                .unwrap();
            Continent::of(country.maybe_region().unwrap(), country.maybe_subregion()).unwrap()
        };
        assert_eq!(continent_of("US"), Continent::NorthAmerica);
        assert_eq!(continent_of("CA"), Continent::NorthAmerica);
        assert_eq!(continent_of("GL"), Continent::NorthAmerica);
        assert_eq!(continent_of("MX"), Continent::LatinAmerica);
        assert_eq!(continent_of("CR"), Continent::LatinAmerica);
        assert_eq!(continent_of("BR"), Continent::LatinAmerica);
        assert_eq!(continent_of("JP"), Continent::Asia);
        assert_eq!(continent_of("CM"), Continent::Africa);
        assert_eq!(continent_of("NZ"), Continent::Oceania);
        assert_eq!(continent_of("NO"), Continent::Europe);
    }
}

/// A region to add, as the admins' form gives it.
pub struct NewRegion {
    pub name_en: PlainLine,
    pub name_ja: Option<PlainLine>,
    pub name_ko: Option<PlainLine>,
    pub continent: Continent,
}

/// Adds a region without an ISO code, audited; a code already in the table is
/// refused.
pub async fn add_new_region(
    db: &Db,
    actor: &Actor,
    region: NewRegion,
) -> Result<CountryCode, MembershipError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let code = add_region(
            conn,
            region.name_en.as_str(),
            region.name_ja.as_ref().map(PlainLine::as_str),
            region.name_ko.as_ref().map(PlainLine::as_str),
            region.continent,
        )
        .map_err(|error| match error {
            MembershipError::Database(e) if e.is_unique_violation() => {
                MembershipError::Refused("countries-exists")
            }
            other => other,
        })?;
        audit::record(
            conn,
            &actor,
            Action::CountryAddRegion,
            &code,
            audit::Detail::new("audit-detail-country-add-region")
                .text("name", region.name_en.as_str())
                .label("continent", region.continent.label_key()),
        )?;
        Ok(code)
    })
    .await
}

/// Moves a country to another continent group, audited.
pub async fn move_to_continent(
    db: &Db,
    actor: &Actor,
    code: CountryCode,
    continent: Continent,
) -> Result<(), MembershipError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let before = find(conn, &code)?.ok_or(MembershipError::NotFound)?;
        set_continent(conn, &code, continent)?;
        audit::record(
            conn,
            &actor,
            Action::CountryContinent,
            &code,
            format!(
                "{}: {} → {}",
                before.name_en,
                before.continent.as_str(),
                continent.as_str()
            ),
        )?;
        Ok(())
    })
    .await
}

/// Every country, for a page.
pub async fn list(db: &Db) -> Result<Vec<Country>, MembershipError> {
    db.read(|conn| Ok(all(conn)?)).await
}
