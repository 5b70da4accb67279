//! Demo data for `seed-demo`: one open petition with confirmed online signatures
//! spread over its first days and a paper batch, so that its page, counts and
//! signature history (and the public API) have something to show. The demo
//! signers have no name, address or email: only a country, like an anonymised
//! petition.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::models::{PetitionStatus, SubmissionStatus};
use super::store::{self, NewPaperBatch, PetitionFields};
use crate::db::{DbConn, DbResult};
use crate::domain::clock::{now, today};
use crate::domain::CountryCode;
use crate::schema::{petition_signatures, petition_submissions, petition_translations};

/// Where the demo signatures come from, weighted by repetition.
const COUNTRIES: &[&str] = &[
    "JP", "JP", "JP", "KR", "KR", "DE", "FR", "BE", "US", "PH", "MX",
];
const SUBMISSIONS: i64 = 240;

/// Seeds the demo petition, its signatures and paper batch; returns its id.
pub fn seed(conn: &mut DbConn) -> DbResult<i64> {
    let today = today();
    let id = store::insert(
        conn,
        &PetitionFields {
            slug: "ban-nuclear-weapons".into(),
            language: crate::i18n::Lang::english(),
            summary: "Mayors and hibakusha ask every state to join the treaty that bans \
nuclear weapons."
                .into(),
            title:
                "Cities ask every state to join the Treaty on the Prohibition of Nuclear Weapons"
                    .into(),
            body_markdown: "The mayors of the member cities, with the **hibakusha**, ask every \
state to sign and ratify the Treaty on the Prohibition of Nuclear Weapons.\n\n\
*Demonstration data.*"
                .into(),
            addressee: "The governments of all states".into(),
            goal: 10_000,
            opens_on: today - Duration::days(9),
            closes_on: today + Duration::days(60),
            status: PetitionStatus::Open,
            retention_days: 180,
        },
    )?;
    let start = now() - Duration::days(9);
    for n in 0..SUBMISSIONS {
        // More at the start and a steady trickle after, at varied hours.
        let hours = (n * n) % (9 * 24) + (n % 5);
        let at: NaiveDateTime = start + Duration::hours(hours) + Duration::minutes(n % 60);
        let at = at.min(now());
        let submission: i64 = diesel::insert_into(petition_submissions::table)
            .values((
                petition_submissions::petition_id.eq(id),
                petition_submissions::language.eq("en"),
                petition_submissions::keep_informed.eq(false),
                petition_submissions::status.eq(SubmissionStatus::Verified.as_str()),
                petition_submissions::expires_at.eq(at + Duration::days(7)),
                petition_submissions::last_sent_at.eq(at),
                petition_submissions::created_at.eq(at),
                petition_submissions::verified_at.eq(Some(at)),
            ))
            .returning(petition_submissions::id)
            .get_result(conn)?;
        let country = COUNTRIES[usize::try_from(n).unwrap_or(0) % COUNTRIES.len()];
        let signers = 1 + n % 3;
        let rows: Vec<_> = (0..signers)
            .map(|i| {
                (
                    petition_signatures::submission_id.eq(submission),
                    petition_signatures::petition_id.eq(id),
                    petition_signatures::country_code.eq(country),
                    petition_signatures::is_submitter.eq(i == 0),
                    petition_signatures::created_at.eq(at),
                )
            })
            .collect();
        crate::on_backend!(conn, |c| diesel::insert_into(petition_signatures::table)
            .values(&rows)
            .execute(c))?;
    }
    let korea = CountryCode::parse("KR").map_err(|_| diesel::result::Error::NotFound)?;
    store::insert_paper_batch(
        conn,
        &NewPaperBatch {
            petition_id: id,
            city_id: None,
            recorded_by: None,
            signatures: 1_250,
            country_code: &korea,
            collected_from: today - Duration::days(9),
            collected_to: today - Duration::days(3),
            handed_over_on: today - Duration::days(2),
            note: None,
            scan: None,
        },
    )?;
    // Its Japanese version (Korean is left missing, as staff would see it).
    diesel::insert_into(petition_translations::table)
        .values((
            petition_translations::petition_id.eq(id),
            petition_translations::language.eq("ja"),
            petition_translations::title.eq("核兵器禁止条約への参加をすべての国に求めます"),
            petition_translations::summary.eq("加盟都市の首長と被爆者が、すべての国に核兵器禁止条約への参加を求めます。"),
            petition_translations::body_markdown.eq("加盟都市の首長は**被爆者**とともに、すべての国に核兵器禁止条約への署名と批准を求めます。\n\n*デモ用のデータです。*"),
            petition_translations::updated_at.eq(now()),
        ))
        .execute(conn)?;
    store::recount(conn, id)?;
    Ok(id)
}
