//! What the exhibition pages show, each read as one operation: the staff list
//! and month, an exhibition's page with its loan and the sets on offer, a
//! city's own pages, the public list, feeds and statistics.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::error::ExhibitionError;
use super::ical::{self, FeedEvent};
use super::loans;
use super::models::{Exhibition, Loan, PosterSet, SetStatus, Status};
use super::queries::{self, Statistics};
use super::registration::own;
use super::settings::Buffer;
use crate::audit::{self, Action, Actor};
use crate::db::Db;
use crate::domain::clock::today;
use crate::i18n::Lang;
use crate::membership::{cities, countries, models::MemberCity};

/// The countries and regions to choose from, by their names in `lang`.
pub async fn country_choices(
    db: &Db,
    lang: Lang,
) -> Result<Vec<(String, String)>, ExhibitionError> {
    let all = db
        .read(|conn| Ok::<_, ExhibitionError>(countries::all(conn)?))
        .await?;
    let mut choices: Vec<(String, String)> = all
        .iter()
        .map(|c| (c.code.to_string(), c.name(&lang).to_string()))
        .collect();
    choices.sort_by_cached_key(|c| lang.sort_key(&c.1));
    Ok(choices)
}

/// The member city a city user acts for (403 when it is gone).
pub async fn city(db: &Db, city_id: i64) -> Result<MemberCity, ExhibitionError> {
    db.read(move |conn| cities::find(conn, city_id)?.ok_or(ExhibitionError::Forbidden))
        .await
}

/// The staff list (one status or all) and the exhibitions open in the month
/// from `first` to `last`, with their holders' names.
pub struct StaffList {
    pub exhibitions: Vec<Exhibition>,
    pub in_month: Vec<Exhibition>,
    pub holders: BTreeMap<i64, String>,
    /// The loans away in the month, when asked for (else none).
    pub loans: Vec<loans::LoanWindow>,
}

pub async fn staff_list(
    db: &Db,
    status: Option<Status>,
    first: NaiveDate,
    last: NaiveDate,
    with_loans: bool,
) -> Result<StaffList, ExhibitionError> {
    db.read(move |conn| {
        let exhibitions = queries::list(conn, status)?;
        let in_month = queries::overlapping(conn, first, last)?;
        let mut holders = queries::holder_names(conn, &exhibitions)?;
        holders.extend(queries::holder_names(conn, &in_month)?);
        let loans = match with_loans {
            true => loans::windows_between(conn, first, last)?,
            false => Vec::new(),
        };
        Ok(StaffList {
            exhibitions,
            in_month,
            holders,
            loans,
        })
    })
    .await
}

/// An exhibition as staff see it: its holder, its loan, the sets they may book.
pub struct StaffDetail {
    pub exhibition: Exhibition,
    pub holder: String,
    pub city: Option<MemberCity>,
    pub loan: Option<(Loan, PosterSet)>,
    pub reservation: (NaiveDate, NaiveDate),
    pub buffer: Buffer,
    /// Sets in the poster language free for the whole reservation.
    pub suggestions: Vec<PosterSet>,
    /// The other sets in service.
    pub other_sets: Vec<PosterSet>,
    /// For a requested loan with no set yet: the sets in its language, free
    /// or not, that confirming it may book.
    pub availability: Vec<loans::Availability>,
    pub photos: Vec<i64>,
}

pub async fn staff_detail(db: &Db, id: i64) -> Result<StaffDetail, ExhibitionError> {
    db.read(move |conn| {
        let exhibition = queries::find(conn, id)?.ok_or(ExhibitionError::NotFound)?;
        let holder = queries::holder_names(conn, std::slice::from_ref(&exhibition))?
            .remove(&id)
            .unwrap_or_default();
        let city = match exhibition.city_id {
            Some(c) => cities::find(conn, c)?,
            None => None,
        };
        let loan = match loans::active_loan(conn, id)? {
            Some(loan) => loans::find_set(conn, loan.poster_set_id)?.map(|set| (loan, set)),
            None => None,
        };
        let buffer = loans::buffer_for(conn, &exhibition)?;
        let suggestions = loans::suggestions(conn, &exhibition)?;
        let other_sets = loans::sets(conn)?
            .into_iter()
            .filter(|s| {
                s.status == SetStatus::InService && !suggestions.iter().any(|f| f.id == s.id)
            })
            .collect();
        let availability =
            if exhibition.is_loan() && exhibition.status == Status::Requested && loan.is_none() {
                loans::availability(conn, &exhibition)?
            } else {
                Vec::new()
            };
        Ok(StaffDetail {
            availability,
            reservation: loans::reservation(&exhibition, buffer),
            photos: queries::photo_ids(conn, id)?,
            exhibition,
            holder,
            city,
            loan,
            buffer,
            suggestions,
            other_sets,
        })
    })
    .await
}

/// A city's exhibitions and the token of its own calendar feed (made on first use).
pub struct CityList {
    pub city: MemberCity,
    pub exhibitions: Vec<Exhibition>,
    pub feed_token: String,
}

pub async fn city_list(
    db: &Db,
    secret_key: &[u8],
    city_id: i64,
) -> Result<CityList, ExhibitionError> {
    let secret_key = secret_key.to_vec();
    db.transaction(move |conn| {
        let city = cities::find(conn, city_id)?.ok_or(ExhibitionError::Forbidden)?;
        Ok(CityList {
            city,
            exhibitions: queries::for_city(conn, city_id)?,
            feed_token: queries::feed_token(conn, &secret_key, city_id)?,
        })
    })
    .await
}

/// A city makes a new address for its calendar feed (the old one was shared
/// too widely), audited; the old address stops working at once.
pub async fn regenerate_feed(
    db: &Db,
    secret_key: &[u8],
    actor: &Actor,
    city_id: i64,
) -> Result<(), ExhibitionError> {
    let (secret_key, actor) = (secret_key.to_vec(), actor.clone());
    db.transaction(move |conn| {
        cities::find(conn, city_id)?.ok_or(ExhibitionError::Forbidden)?;
        queries::regenerate_feed(conn, &secret_key, city_id)?;
        audit::record(
            conn,
            &actor,
            Action::ExhibitionFeedRegenerate,
            city_id,
            audit::Detail::new("audit-detail-feed-regenerated"),
        )?;
        Ok(())
    })
    .await
}

/// One of the city's own exhibitions, with its photos and the code of its set.
pub struct CityDetail {
    pub city: MemberCity,
    pub exhibition: Exhibition,
    pub photos: Vec<i64>,
    pub set_code: Option<String>,
}

pub async fn city_detail(db: &Db, city_id: i64, id: i64) -> Result<CityDetail, ExhibitionError> {
    db.read(move |conn| {
        let city = cities::find(conn, city_id)?.ok_or(ExhibitionError::Forbidden)?;
        let exhibition = own(conn, city_id, id)?;
        let set_code = match loans::active_loan(conn, id)? {
            Some(loan) => loans::find_set(conn, loan.poster_set_id)?.map(|s| s.code),
            None => None,
        };
        Ok(CityDetail {
            city,
            exhibition,
            photos: queries::photo_ids(conn, id)?,
            set_code,
        })
    })
    .await
}

/// A report's photo (content type, bytes): for staff (`city_id` none), and for
/// the city whose exhibition it is.
pub async fn photo(
    db: &Db,
    id: i64,
    city_id: Option<i64>,
) -> Result<(String, Vec<u8>), ExhibitionError> {
    db.read(move |conn| {
        let (exhibition_id, content_type, bytes) =
            queries::photo(conn, id)?.ok_or(ExhibitionError::NotFound)?;
        if let Some(city_id) = city_id {
            own(conn, city_id, exhibition_id)?;
        }
        Ok((content_type, bytes))
    })
    .await
}

/// The published exhibitions not over yet, with their holders' names.
pub async fn upcoming(db: &Db) -> Result<Vec<(Exhibition, String)>, ExhibitionError> {
    db.read(|conn| {
        let list = queries::upcoming_public(conn, today())?;
        let mut names = queries::holder_names(conn, &list)?;
        Ok(list
            .into_iter()
            .map(|e| {
                let name = names.remove(&e.id).unwrap_or_default();
                (e, name)
            })
            .collect())
    })
    .await
}

fn feed(name: &str, list: &[Exhibition], holders: &BTreeMap<i64, String>) -> String {
    let events: Vec<FeedEvent> = list
        .iter()
        .map(|e| FeedEvent {
            exhibition: e,
            holder: holders.get(&e.id).cloned().unwrap_or_default(),
            url: None,
        })
        .collect();
    ical::calendar(name, &events, crate::domain::clock::now())
}

/// The public iCalendar feed: every published exhibition, past ones too,
/// named in `lang`.
pub async fn public_feed(db: &Db, lang: Lang) -> Result<String, ExhibitionError> {
    let (list, holders) = db
        .read(|conn| {
            let list = queries::all_public(conn)?;
            let holders = queries::holder_names(conn, &list)?;
            Ok::<_, ExhibitionError>((list, holders))
        })
        .await?;
    Ok(feed(&lang.t("exh-feed-name"), &list, &holders))
}

/// A city's own feed, found by its token: all its live exhibitions.
pub async fn city_feed(db: &Db, token: String) -> Result<String, ExhibitionError> {
    let (city, list, holders) = db
        .read(move |conn| {
            let city_id = queries::city_of_feed(conn, &token)?.ok_or(ExhibitionError::NotFound)?;
            let city = cities::find(conn, city_id)?.ok_or(ExhibitionError::NotFound)?;
            let list: Vec<Exhibition> = queries::for_city(conn, city_id)?
                .into_iter()
                .filter(|e| e.status.is_live())
                .collect();
            let holders = queries::holder_names(conn, &list)?;
            Ok::<_, ExhibitionError>((city, list, holders))
        })
        .await?;
    let name = city.lang().t_with(
        "exh-feed-city-name",
        &[("city", city.name_latin.clone().into())],
    );
    Ok(feed(&name, &list, &holders))
}

pub async fn statistics(db: &Db) -> Result<Statistics, ExhibitionError> {
    db.read(|conn| Ok(queries::statistics(conn)?)).await
}
