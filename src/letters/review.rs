//! Officer review: staff circulate a version of a draft to the current officers
//! (the president and vice-president cities, through their mayors' addresses).
//! Each officer gets a personal link, an HMAC of (review, letter, version, city),
//! so it works for that officer and that version alone and cannot be forged;
//! nothing secret is stored. Opening the link changes nothing (mail scanners open
//! links): the answer is a POST from the page, recorded once.

use std::collections::HashSet;

use chrono::NaiveDate;
use diesel::prelude::*;

use super::error::LetterError;
use super::models::{Answer, ApprovalRule, Letter, LetterStatus, Review};
use crate::db::{self, DbConn, DbResult};
use crate::domain::signed_link::{self, Purpose};
use crate::domain::EmailAddress;
use crate::i18n::FluentArg;
use crate::mail::{self, Email, EmailContent, Reference};
use crate::membership::cities;
use crate::membership::models::{MemberCity, RoleKind};
use crate::schema::{letter_reviews, member_cities};

/// What an officer's link signs: (review, letter, version, city), under the
/// letter-review purpose; the signed text is `letter-review:{review}:{letter}:{version}:{city}`,
/// as it always was, so links already sent keep working.
fn signed_ids(review: &Review) -> [i64; 4] {
    [
        review.id,
        review.letter_id,
        i64::from(review.version),
        review.city_id,
    ]
}

pub fn token(secret_key: &[u8], review: &Review) -> String {
    signed_link::token(secret_key, Purpose::LetterReview, &signed_ids(review))
}

/// Checks a link's token in constant time.
pub fn token_is_valid(secret_key: &[u8], review: &Review, token: &str) -> bool {
    signed_link::is_valid(
        secret_key,
        Purpose::LetterReview,
        &signed_ids(review),
        token,
    )
}

pub fn review_path(secret_key: &[u8], review: &Review) -> String {
    format!(
        "/letters/review/{}/{}",
        review.id,
        token(secret_key, review)
    )
}

/// An officer who can review: the city holding the role today and its address.
pub struct Officer {
    pub city: MemberCity,
    pub role: RoleKind,
    pub email: EmailAddress,
}

/// The president and vice-president cities today that have a valid address;
/// the cities without one are returned apart, for staff to see.
pub fn current_officers(
    conn: &mut DbConn,
    today: NaiveDate,
) -> DbResult<(Vec<Officer>, Vec<MemberCity>)> {
    let mut officers = Vec::new();
    let mut without_email = Vec::new();
    let mut seen = HashSet::new();
    for (role, city) in cities::current_officers(conn, today)? {
        if !matches!(role.role, RoleKind::President | RoleKind::VicePresident)
            || !city.is_active()
            || !seen.insert(city.id)
        {
            continue;
        }
        match city
            .email
            .as_deref()
            .and_then(|e| EmailAddress::parse(e).ok())
        {
            Some(email) => officers.push(Officer {
                city,
                role: role.role,
                email,
            }),
            None => without_email.push(city),
        }
    }
    Ok((officers, without_email))
}

pub fn find(conn: &mut DbConn, review_id: i64) -> DbResult<Option<Review>> {
    Ok(letter_reviews::table
        .find(review_id)
        .select(Review::as_select())
        .first(conn)
        .optional()?)
}

/// The reviews of one version, with each officer's city.
pub fn of_version(
    conn: &mut DbConn,
    letter_id: i64,
    version: i32,
) -> DbResult<Vec<(Review, MemberCity)>> {
    Ok(letter_reviews::table
        .inner_join(member_cities::table)
        .filter(letter_reviews::letter_id.eq(letter_id))
        .filter(letter_reviews::version.eq(version))
        .order((letter_reviews::role.desc(), member_cities::name_latin.asc()))
        .select((Review::as_select(), MemberCity::as_select()))
        .load(conn)?)
}

/// Every answer given on any version, newest first: the history of the review.
pub fn answered(conn: &mut DbConn, letter_id: i64) -> DbResult<Vec<(Review, MemberCity)>> {
    Ok(letter_reviews::table
        .inner_join(member_cities::table)
        .filter(letter_reviews::letter_id.eq(letter_id))
        .filter(letter_reviews::answered_at.is_not_null())
        .order(letter_reviews::answered_at.desc())
        .select((Review::as_select(), MemberCity::as_select()))
        .load(conn)?)
}

/// Asks every current officer to review the letter's current version: one review
/// row and one email each. Officers asked already for this version are skipped,
/// so circulating twice sends nothing twice. Returns how many were asked now.
pub fn circulate(
    conn: &mut DbConn,
    letter: &Letter,
    officers: &[Officer],
    secret_key: &[u8],
    base_url: &str,
) -> DbResult<usize> {
    let mut asked = 0;
    for officer in officers {
        let inserted = conn.transaction(|conn| {
            diesel::insert_into(letter_reviews::table)
                .values((
                    letter_reviews::letter_id.eq(letter.id),
                    letter_reviews::version.eq(letter.version),
                    letter_reviews::city_id.eq(officer.city.id),
                    letter_reviews::role.eq(officer.role.as_str()),
                    letter_reviews::email.eq(officer.email.as_str()),
                    letter_reviews::created_at.eq(crate::domain::clock::now()),
                ))
                .returning(letter_reviews::id)
                .get_result::<i64>(conn)
        });
        let review_id = match inserted {
            Ok(id) => id,
            Err(e) => {
                let error = db::DbError::from(e);
                if error.is_unique_violation() {
                    continue;
                }
                return Err(error);
            }
        };
        let Some(review) = find(conn, review_id)? else {
            continue;
        };
        let link = format!(
            "{}{}",
            base_url.trim_end_matches('/'),
            review_path(secret_key, &review)
        );
        let email = review_email(letter, officer, link);
        mail::enqueue(
            conn,
            &format!(
                "letter-{}-v{}-review-{}",
                letter.id, letter.version, officer.city.id
            ),
            &email,
            Some(Reference::new("letter", letter.id)),
        )?;
        asked += 1;
    }
    Ok(asked)
}

fn review_email(letter: &Letter, officer: &Officer, link: String) -> Email {
    let lang = officer.city.lang();
    let mayor = officer
        .city
        .mayor_name
        .clone()
        .unwrap_or_else(|| officer.city.name_latin.clone());
    let content = EmailContent {
        subject: lang.t_with(
            "letter-mail-review-subject",
            &[("subject", FluentArg::Str(letter.subject.clone()))],
        ),
        greeting: lang.t_with("mail-greeting", &[("name", FluentArg::Str(mayor.clone()))]),
        paragraphs: vec![
            lang.t_with(
                "letter-mail-review-body",
                &[
                    ("subject", FluentArg::Str(letter.subject.clone())),
                    ("version", FluentArg::Raw(letter.version.to_string())),
                ],
            ),
            lang.t("letter-mail-review-personal"),
        ],
        action: Some((lang.t("letter-mail-review-action"), link)),
        after: Vec::new(),
    };
    Email::new(officer.email.clone(), Some(&mayor), lang, &content)
}

/// Records an officer's answer, once: a second answer to the same version is
/// refused, whatever it says.
pub fn record_answer(
    conn: &mut DbConn,
    review: &Review,
    letter: &Letter,
    answer: Answer,
    comment: Option<&str>,
) -> Result<(), LetterError> {
    if letter.version != review.version || letter.status != LetterStatus::Draft {
        return Err(LetterError::Superseded);
    }
    let updated = diesel::update(
        letter_reviews::table
            .filter(letter_reviews::id.eq(review.id))
            .filter(letter_reviews::answer.is_null()),
    )
    .set((
        letter_reviews::answer.eq(answer.as_str()),
        letter_reviews::comment.eq(comment),
        letter_reviews::answered_at.eq(crate::domain::clock::now()),
    ))
    .execute(conn)?;
    if updated == 1 {
        Ok(())
    } else {
        Err(LetterError::AlreadyAnswered)
    }
}

/// Where the review of one version stands under the letter's rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub asked: usize,
    pub approvals: usize,
    pub comments: usize,
    pub president_approved: bool,
    pub vice_presidents: usize,
    pub vice_president_approvals: usize,
    pub rule_met: bool,
}

/// Evaluates `rule` over the answers to one version. Nobody asked: never met,
/// so a letter cannot be finalised without review.
pub fn standing(
    rule: ApprovalRule,
    deadline: Option<NaiveDate>,
    reviews: &[Review],
    today: NaiveDate,
) -> Standing {
    fn approved(review: &&Review) -> bool {
        review.answer() == Some(Answer::Approve)
    }
    let presidents: Vec<&Review> = reviews.iter().filter(|r| r.is_president()).collect();
    let vps: Vec<&Review> = reviews.iter().filter(|r| !r.is_president()).collect();
    let approvals = reviews.iter().filter(approved).count();
    let comments = reviews
        .iter()
        .filter(|r| r.answer() == Some(Answer::Comment))
        .count();
    let president_approved = !presidents.is_empty() && presidents.iter().all(approved);
    let vice_president_approvals = vps.iter().filter(|r| approved(r)).count();
    let asked = reviews.len();
    let rule_met = asked > 0
        && match rule {
            ApprovalRule::PresidentAndMajority => {
                president_approved && vice_president_approvals * 2 > vps.len()
            }
            ApprovalRule::Majority => approvals * 2 > asked,
            ApprovalRule::All => approvals == asked,
            // Silence is consent once the deadline has passed, unless someone asked
            // for changes.
            ApprovalRule::Deadline => deadline.is_some_and(|d| today > d) && comments == 0,
        };
    Standing {
        asked,
        approvals,
        comments,
        president_approved,
        vice_presidents: vps.len(),
        vice_president_approvals,
        rule_met,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(id: i64, role: &str, answer: Option<&str>) -> Review {
        Review {
            id,
            letter_id: 1,
            version: 1,
            city_id: id,
            role: role.into(),
            email: format!("mayor{id}@city.example"),
            answer: answer.map(str::to_string),
            comment: None,
            answered_at: None,
            created_at: crate::domain::clock::now(),
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn the_president_and_a_majority_of_vice_presidents() {
        let mut reviews = vec![
            review(1, "president", Some("approve")),
            review(2, "vice_president", Some("approve")),
            review(3, "vice_president", None),
            review(4, "vice_president", Some("comment")),
        ];
        let rule = ApprovalRule::PresidentAndMajority;
        assert!(
            !standing(rule, None, &reviews, day(1)).rule_met,
            "1 of 3 VPs"
        );
        reviews[2].answer = Some("approve".into());
        assert!(
            standing(rule, None, &reviews, day(1)).rule_met,
            "2 of 3 VPs"
        );
        reviews[0].answer = None;
        assert!(
            !standing(rule, None, &reviews, day(1)).rule_met,
            "no president"
        );
    }

    #[test]
    fn review_links_sign_the_same_text_as_before() {
        let key = b"the secret key of the app";
        let mut review = review(7, "president", None);
        review.letter_id = 3;
        review.version = 2;
        let before = crate::domain::signed_link::token_of_text(key, "letter-review:7:3:2:7");
        assert_eq!(token(key, &review), before);
        assert!(token_is_valid(key, &review, &before));
    }

    #[test]
    fn a_deadline_passes_without_objection() {
        let mut reviews = vec![
            review(1, "president", None),
            review(2, "vice_president", None),
        ];
        let rule = ApprovalRule::Deadline;
        assert!(!standing(rule, Some(day(10)), &reviews, day(10)).rule_met);
        assert!(standing(rule, Some(day(10)), &reviews, day(11)).rule_met);
        reviews[1].answer = Some("comment".into());
        assert!(!standing(rule, Some(day(10)), &reviews, day(11)).rule_met);
        assert!(!standing(ApprovalRule::Majority, None, &[], day(1)).rule_met);
    }
}
