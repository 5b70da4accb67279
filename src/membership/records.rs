//! A member city's record as people correct it: staff on the city's form, the
//! city's own user on its contact form, and a CSV file in update mode. Every
//! change goes through [`apply`], which writes the new values, one row of
//! `city_changes` per field changed (old, new, when, who, how), and answers the
//! changes so that the caller can audit them with before and after. The city's
//! page reads the rows back as sentences in the reader's language.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Deserialize;

use super::cities;
use super::countries::{self, KnownCountries};
use super::csv_io::columns::JoinDate;
use super::error::MembershipError;
use super::models::MemberCity;
use super::names;
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn, DbResult};
use crate::domain::{
    is_latin_script, optional, parse_population, CountryCode, EmailAddress, FieldError, MultiLine,
    PhoneNumber, PlainLine, WebAddress,
};
use crate::i18n::{FluentArg, Lang};
use crate::schema::{city_changes, member_cities, users};
use crate::web::form::FormErrors;

crate::text_enum!(
    /// A field of a member city's record that people correct.
    CityField {
        NameLatin => "name_latin" / "city-field-name-latin",
        NameNative => "name_native" / "city-field-name-native",
        Country => "country_code" / "city-field-country",
        Province => "province" / "city-field-province",
        MayorName => "mayor_name" / "city-field-mayor-name",
        MayorTitle => "mayor_title" / "city-field-mayor-title",
        ContactName => "contact_name" / "city-field-contact-name",
        Email => "email" / "city-field-email",
        Phone => "phone" / "city-field-phone",
        PostalAddress => "postal_address" / "city-field-postal-address",
        Website => "website" / "city-field-website",
        Population => "population" / "city-field-population",
        Language => "language" / "city-field-language",
        JoinDate => "join_date" / "city-field-join-date",
    }
);

crate::text_enum!(
    /// How a change came.
    ChangeSource {
        Staff => "staff" / "city-change-source-staff",
        City => "city" / "city-change-source-city",
        Import => "import" / "city-change-source-import",
    }
);

/// The fields of a city's record that people correct, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub name_latin: String,
    pub name_native: Option<String>,
    pub country_code: String,
    pub province: Option<String>,
    pub mayor_name: Option<String>,
    pub mayor_title: Option<String>,
    pub contact_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub postal_address: Option<String>,
    pub website: Option<String>,
    pub population: Option<i64>,
    pub language: String,
    pub joined: JoinDate,
}

impl Record {
    pub fn of(city: &MemberCity) -> Record {
        Record {
            name_latin: city.name_latin.clone(),
            name_native: city.name_native.clone(),
            country_code: city.country_code.to_string(),
            province: city.province.clone(),
            mayor_name: city.mayor_name.clone(),
            mayor_title: city.mayor_title.clone(),
            contact_name: city.contact_name.clone(),
            email: city.email.clone(),
            phone: city.phone.clone(),
            postal_address: city.postal_address.clone(),
            website: city.website.clone(),
            population: city.population,
            language: city.language.clone(),
            joined: JoinDate::of(city),
        }
    }

    /// The field's value as text, as the history keeps it (none when empty).
    pub fn value(&self, field: CityField) -> Option<String> {
        match field {
            CityField::NameLatin => Some(self.name_latin.clone()),
            CityField::NameNative => self.name_native.clone(),
            CityField::Country => Some(self.country_code.clone()),
            CityField::Province => self.province.clone(),
            CityField::MayorName => self.mayor_name.clone(),
            CityField::MayorTitle => self.mayor_title.clone(),
            CityField::ContactName => self.contact_name.clone(),
            CityField::Email => self.email.clone(),
            CityField::Phone => self.phone.clone(),
            CityField::PostalAddress => self.postal_address.clone(),
            CityField::Website => self.website.clone(),
            CityField::Population => self.population.map(|n| n.to_string()),
            CityField::Language => Some(self.language.clone()),
            CityField::JoinDate => Some(self.joined.to_string()),
        }
    }

    fn set(&mut self, value: NewValue) {
        fn line(v: Option<PlainLine>) -> Option<String> {
            v.map(PlainLine::into_string)
        }
        match value {
            NewValue::NameLatin(v) => self.name_latin = v.into_string(),
            NewValue::NameNative(v) => self.name_native = line(v),
            NewValue::Country(v) => self.country_code = v.into_string(),
            NewValue::Province(v) => self.province = line(v),
            NewValue::MayorName(v) => self.mayor_name = line(v),
            NewValue::MayorTitle(v) => self.mayor_title = line(v),
            NewValue::ContactName(v) => self.contact_name = line(v),
            NewValue::Email(v) => self.email = v.map(|e| e.as_str().to_string()),
            NewValue::Phone(v) => self.phone = v.map(|p| p.as_str().to_string()),
            NewValue::PostalAddress(v) => self.postal_address = v.map(|a| a.as_str().to_string()),
            NewValue::Website(v) => self.website = v.map(|w| w.as_str().to_string()),
            NewValue::Population(v) => self.population = v,
            NewValue::Language(v) => self.language = v.code(),
            NewValue::Joined(v) => self.joined = v,
        }
    }
}

/// A new value for one field, parsed. A list of them changes those fields and
/// leaves the others as they are.
#[derive(Debug, Clone)]
pub enum NewValue {
    NameLatin(PlainLine),
    NameNative(Option<PlainLine>),
    /// A code well formed; whether the countries table has it is checked in
    /// the transaction that writes it.
    Country(CountryCode),
    Province(Option<PlainLine>),
    MayorName(Option<PlainLine>),
    MayorTitle(Option<PlainLine>),
    ContactName(Option<PlainLine>),
    Email(Option<EmailAddress>),
    Phone(Option<PhoneNumber>),
    PostalAddress(Option<MultiLine>),
    Website(Option<WebAddress>),
    Population(Option<i64>),
    Language(Lang),
    Joined(JoinDate),
}

/// One field changed: its value before and after, as text (none when empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: CityField,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The fields whose values differ, in the order of the form.
pub fn diff(before: &Record, after: &Record) -> Vec<FieldChange> {
    CityField::ALL
        .iter()
        .filter_map(|&field| {
            let (old, new) = (before.value(field), after.value(field));
            (old != new).then_some(FieldChange { field, old, new })
        })
        .collect()
}

/// The record with the new values, and what they change.
pub fn preview(city: &MemberCity, values: Vec<NewValue>) -> (Record, Vec<FieldChange>) {
    let before = Record::of(city);
    let mut after = before.clone();
    for value in values {
        after.set(value);
    }
    let changes = diff(&before, &after);
    (after, changes)
}

/// Whether the changes move the public figures (a country, a join year).
pub fn affects_figures(changes: &[FieldChange]) -> bool {
    changes
        .iter()
        .any(|c| matches!(c.field, CityField::Country | CityField::JoinDate))
}

/// "mayor_name: Kazumi Matsui → Kazumi Matsui II; phone: (none) → +81 …",
/// for the audit log: every field with its value before and after.
pub fn summary(city_name: &str, changes: &[FieldChange]) -> String {
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
    if changes.is_empty() {
        return format!("{city_name}: no change");
    }
    let fields: Vec<String> = changes
        .iter()
        .map(|c| format!("{}: {} → {}", c.field.as_str(), show(&c.old), show(&c.new)))
        .collect();
    format!("{city_name}: {}", fields.join("; "))
}

#[derive(Insertable)]
#[diesel(table_name = city_changes, treat_none_as_default_value = false)]
struct ChangeRow {
    city_id: i64,
    field: &'static str,
    old_value: Option<String>,
    new_value: Option<String>,
    source: &'static str,
    actor_id: Option<i64>,
    changed_at: NaiveDateTime,
}

/// Writes the new values to the city and one history row per field changed;
/// answers the changes (none: nothing written). The caller checks the country
/// (see [`check_country`]), refreshes the tallies when [`affects_figures`], and
/// audits. Call inside a write transaction.
pub fn apply(
    conn: &mut DbConn,
    city: &MemberCity,
    values: Vec<NewValue>,
    source: ChangeSource,
    actor_id: Option<i64>,
) -> DbResult<Vec<FieldChange>> {
    let (after, changes) = preview(city, values);
    if changes.is_empty() {
        return Ok(changes);
    }
    let now = crate::domain::clock::now();
    diesel::update(member_cities::table.find(city.id))
        .set((
            member_cities::name_latin.eq(&after.name_latin),
            member_cities::name_native.eq(&after.name_native),
            member_cities::search_key.eq(names::search_key(
                &after.name_latin,
                after.name_native.as_deref(),
            )),
            member_cities::duplicate_key.eq(names::duplicate_key(&after.name_latin)),
            member_cities::country_code.eq(&after.country_code),
            member_cities::province.eq(&after.province),
            member_cities::mayor_name.eq(&after.mayor_name),
            member_cities::mayor_title.eq(&after.mayor_title),
            member_cities::contact_name.eq(&after.contact_name),
            member_cities::email.eq(&after.email),
            member_cities::phone.eq(&after.phone),
            member_cities::postal_address.eq(&after.postal_address),
            member_cities::website.eq(&after.website),
            member_cities::population.eq(after.population),
            member_cities::language.eq(&after.language),
            member_cities::join_date.eq(after.joined.date),
            member_cities::join_precision.eq(after.joined.precision.as_str()),
            member_cities::updated_at.eq(now),
        ))
        .execute(conn)?;
    let rows: Vec<ChangeRow> = changes
        .iter()
        .map(|change| ChangeRow {
            city_id: city.id,
            field: change.field.as_str(),
            old_value: change.old.clone(),
            new_value: change.new.clone(),
            source: source.as_str(),
            actor_id,
            changed_at: now,
        })
        .collect();
    crate::on_backend!(conn, |c| diesel::insert_into(city_changes::table)
        .values(&rows)
        .execute(c))?;
    Ok(changes)
}

/// The country among the new values is one the countries table has, or the
/// form's error for `country`.
pub fn check_country(known: &KnownCountries, values: &[NewValue]) -> Result<(), MembershipError> {
    for value in values {
        if let NewValue::Country(code) = value {
            if known.check(code.as_str()).is_err() {
                return Err(MembershipError::field(
                    "country",
                    FieldError("error-choose-country"),
                ));
            }
        }
    }
    Ok(())
}

// ------------------------------------------------------------ the staff form

/// Every field of a city's record as the staff form sends it.
#[derive(Deserialize, Default, Clone)]
pub struct RecordForm {
    #[serde(default)]
    pub name_latin: String,
    #[serde(default)]
    pub name_native: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub province: String,
    #[serde(default)]
    pub mayor_name: String,
    #[serde(default)]
    pub mayor_title: String,
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub postal_address: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub population: String,
    #[serde(default)]
    pub language: String,
    /// `2019-07-01`, `2019-07` or `2019`: the date as precisely as it is known.
    #[serde(default)]
    pub join_date: String,
}

impl RecordForm {
    pub fn of(city: &MemberCity) -> RecordForm {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        RecordForm {
            name_latin: city.name_latin.clone(),
            name_native: text(&city.name_native),
            country: city.country_code.to_string(),
            province: text(&city.province),
            mayor_name: text(&city.mayor_name),
            mayor_title: text(&city.mayor_title),
            contact_name: text(&city.contact_name),
            email: text(&city.email),
            phone: text(&city.phone),
            postal_address: text(&city.postal_address),
            website: text(&city.website),
            population: city.population.map(|p| p.to_string()).unwrap_or_default(),
            language: city.language.clone(),
            join_date: JoinDate::of(city).to_string(),
        }
    }
}

const MAX_LINE: usize = 200;
const MAX_ADDRESS: usize = 500;

/// A name in Latin letters (the directory's order and search need one).
pub fn latin_name(text: &str) -> Result<PlainLine, FieldError> {
    let name = PlainLine::parse(text, MAX_LINE)?;
    if is_latin_script(name.as_str()) {
        Ok(name)
    } else {
        Err(FieldError("error-latin-letters"))
    }
}

/// An optional line of text.
pub fn line(text: &str) -> Result<Option<PlainLine>, FieldError> {
    optional(text, |t| PlainLine::parse(t, MAX_LINE))
}

/// An optional postal address.
pub fn address(text: &str) -> Result<Option<MultiLine>, FieldError> {
    optional(text, |t| MultiLine::parse(t, MAX_ADDRESS))
}

/// A join date as precisely as it is known.
pub fn join_date(text: &str) -> Result<JoinDate, FieldError> {
    JoinDate::parse(text).map_err(|_| FieldError("city-error-join-date"))
}

/// The form as new values for every field, or the errors to show beside them.
pub fn parse_form(form: &RecordForm) -> Result<Vec<NewValue>, MembershipError> {
    let mut errors = FormErrors::default();
    let values = vec![
        errors
            .check("name_latin", latin_name(&form.name_latin))
            .map(NewValue::NameLatin),
        errors
            .check("name_native", line(&form.name_native))
            .map(NewValue::NameNative),
        errors
            .check(
                "country",
                CountryCode::parse(&form.country).map_err(|_| FieldError("error-choose-country")),
            )
            .map(NewValue::Country),
        errors
            .check("province", line(&form.province))
            .map(NewValue::Province),
        errors
            .check("mayor_name", line(&form.mayor_name))
            .map(NewValue::MayorName),
        errors
            .check("mayor_title", line(&form.mayor_title))
            .map(NewValue::MayorTitle),
        errors
            .check("contact_name", line(&form.contact_name))
            .map(NewValue::ContactName),
        errors
            .check("email", optional(&form.email, EmailAddress::parse))
            .map(NewValue::Email),
        errors
            .check("phone", optional(&form.phone, PhoneNumber::parse))
            .map(NewValue::Phone),
        errors
            .check("postal_address", address(&form.postal_address))
            .map(NewValue::PostalAddress),
        errors
            .check("website", optional(&form.website, WebAddress::parse))
            .map(NewValue::Website),
        errors
            .check("population", optional(&form.population, parse_population))
            .map(NewValue::Population),
        errors
            .check(
                "language",
                Lang::parse(&form.language).ok_or(FieldError("error-choose-option")),
            )
            .map(NewValue::Language),
        errors
            .check("join_date", join_date(&form.join_date))
            .map(NewValue::Joined),
    ];
    if !errors.is_empty() {
        return Err(MembershipError::Invalid(errors));
    }
    Ok(values.into_iter().flatten().collect())
}

/// What the staff form shows besides the record: the countries to choose from.
pub async fn form_countries(db: &Db, lang: Lang) -> Result<Vec<(String, String)>, MembershipError> {
    super::join::form_countries(db, lang).await
}

/// Staff correct a city's record: every field changed is written, kept in the
/// city's history and audited with its value before and after. Answers how
/// many fields changed; a country the table does not have is the form's error
/// and changes nothing.
pub async fn edit(
    db: &Db,
    actor: &Actor,
    city_id: i64,
    values: Vec<NewValue>,
) -> Result<usize, MembershipError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        let city = cities::find(conn, city_id)?.ok_or(MembershipError::NotFound)?;
        check_country(&KnownCountries::load(conn)?, &values)?;
        let changes = apply(conn, &city, values, ChangeSource::Staff, actor.user_id)?;
        if changes.is_empty() {
            return Ok(0);
        }
        if affects_figures(&changes) {
            super::statistics::refresh_tallies(conn)?;
        }
        let name = changes
            .iter()
            .find(|c| c.field == CityField::NameLatin)
            .and_then(|c| c.new.clone())
            .unwrap_or_else(|| city.name_latin.clone());
        audit::record(
            conn,
            &actor,
            Action::MemberEdit,
            city_id,
            summary(&name, &changes),
        )?;
        Ok(changes.len())
    })
    .await
}

// ------------------------------------------------------------ history

/// One change as the city's page shows it, in the reader's language.
#[derive(Debug, Clone)]
pub struct HistoryLine {
    pub at: NaiveDateTime,
    /// "Mayor changed from … to … on …".
    pub text: String,
    /// "by … (staff form)".
    pub by: String,
}

/// The city's changes, newest first, as sentences in `lang`.
pub fn history(conn: &mut DbConn, city_id: i64, lang: &Lang) -> DbResult<Vec<HistoryLine>> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(
        String,
        Option<String>,
        Option<String>,
        String,
        NaiveDateTime,
        Option<String>,
    )> = city_changes::table
        .left_join(users::table.on(users::id.nullable().eq(city_changes::actor_id)))
        .filter(city_changes::city_id.eq(city_id))
        .order((city_changes::changed_at.desc(), city_changes::id.desc()))
        .select((
            city_changes::field,
            city_changes::old_value,
            city_changes::new_value,
            city_changes::source,
            city_changes::changed_at,
            users::display_name.nullable(),
        ))
        .load(conn)?;
    let mut country_names: HashMap<String, String> = HashMap::new();
    let mut lines = Vec::with_capacity(rows.len());
    for (field, old, new, source, at, who) in rows {
        let field = CityField::parse(&field);
        let mut shown = |value: Option<String>| -> DbResult<Option<String>> {
            let Some(value) = value else { return Ok(None) };
            Ok(Some(match field {
                Some(CityField::Country) => {
                    if let Some(name) = country_names.get(&value) {
                        name.clone()
                    } else {
                        let name = countries::find(conn, &value)?
                            .map_or_else(|| value.clone(), |c| c.name(lang).to_string());
                        country_names.insert(value, name.clone());
                        name
                    }
                }
                Some(CityField::Language) => Lang::parse(&value).map_or(value, |l| l.name()),
                Some(CityField::Population) => {
                    value.parse::<i64>().map_or(value, |n| lang.number(n))
                }
                Some(CityField::JoinDate) => {
                    JoinDate::parse(&value).map_or(value, |joined| joined_label(lang, joined))
                }
                _ => value,
            }))
        };
        let (old, new) = (shown(old)?, shown(new)?);
        let label = field.map_or_else(|| lang.t("city-field-other"), |f| lang.t(f.label_key()));
        let date = FluentArg::Str(lang.date(at.date()));
        let field_arg = FluentArg::Str(label);
        let text = match (old, new) {
            (Some(old), Some(new)) => lang.t_with(
                "city-change-changed",
                &[
                    ("field", field_arg),
                    ("old", FluentArg::Str(old)),
                    ("new", FluentArg::Str(new)),
                    ("date", date),
                ],
            ),
            (None, Some(new)) => lang.t_with(
                "city-change-set",
                &[
                    ("field", field_arg),
                    ("new", FluentArg::Str(new)),
                    ("date", date),
                ],
            ),
            (Some(old), None) => lang.t_with(
                "city-change-cleared",
                &[
                    ("field", field_arg),
                    ("old", FluentArg::Str(old)),
                    ("date", date),
                ],
            ),
            (None, None) => continue,
        };
        let source =
            ChangeSource::parse(&source).map_or_else(|| source.clone(), |s| lang.t(s.label_key()));
        let who = who.unwrap_or_else(|| lang.t("city-change-someone"));
        let by = lang.t_with(
            "city-change-by",
            &[
                ("who", FluentArg::Str(who)),
                ("source", FluentArg::Str(source)),
            ],
        );
        lines.push(HistoryLine { at, text, by });
    }
    Ok(lines)
}

/// The city's changes for its own page (the city user's view).
pub async fn city_history(
    db: &Db,
    city_id: i64,
    lang: Lang,
) -> Result<Vec<HistoryLine>, MembershipError> {
    db.read(move |conn| Ok(history(conn, city_id, &lang)?))
        .await
}

/// A join date as precisely as it is known, in `lang`.
fn joined_label(lang: &Lang, joined: JoinDate) -> String {
    use chrono::Datelike;
    let date: NaiveDate = joined.date;
    match joined.precision {
        super::models::JoinPrecision::Day => lang.date(date),
        super::models::JoinPrecision::Month => lang.month(date.year(), date.month()),
        super::models::JoinPrecision::Year => date.year().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::membership::models::JoinPrecision;

    fn record() -> Record {
        Record {
            name_latin: "Hiroshima".into(),
            name_native: Some("広島市".into()),
            country_code: "JP".into(),
            province: None,
            mayor_name: Some("Kazumi Matsui".into()),
            mayor_title: Some("Mayor".into()),
            contact_name: None,
            email: None,
            phone: None,
            postal_address: None,
            website: None,
            population: Some(1_200_000),
            language: "ja".into(),
            joined: JoinDate {
                date: NaiveDate::from_ymd_opt(1982, 6, 24).unwrap(),
                precision: JoinPrecision::Day,
            },
        }
    }

    #[test]
    fn the_diff_names_each_field_changed_with_its_old_and_new_value() {
        let before = record();
        let mut after = before.clone();
        after.set(NewValue::MayorName(Some(
            PlainLine::parse("Tomoko Ito", 200).unwrap(),
        )));
        after.set(NewValue::Population(None));
        after.set(NewValue::Joined(JoinDate::parse("1982-06").unwrap()));
        let changes = diff(&before, &after);
        assert_eq!(
            changes,
            [
                FieldChange {
                    field: CityField::MayorName,
                    old: Some("Kazumi Matsui".into()),
                    new: Some("Tomoko Ito".into()),
                },
                FieldChange {
                    field: CityField::Population,
                    old: Some("1200000".into()),
                    new: None,
                },
                FieldChange {
                    field: CityField::JoinDate,
                    old: Some("1982-06-24".into()),
                    new: Some("1982-06".into()),
                },
            ]
        );
        assert!(affects_figures(&changes));
        assert_eq!(
            summary("Hiroshima", &changes[..2]),
            "Hiroshima: mayor_name: Kazumi Matsui → Tomoko Ito; population: 1200000 → (none)"
        );
        assert!(diff(&before, &before).is_empty());
    }
}
