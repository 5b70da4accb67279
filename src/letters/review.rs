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
use crate::i18n::{FluentArg, Lang};
use crate::mail::{self, Email, EmailContent, Reference};
use crate::membership::cities;
use crate::membership::models::{MemberCity, RoleKind};
use crate::schema::{letter_exclusions, letter_reviews, member_cities};

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

/// How an officer can be reached for the review.
#[derive(Debug, Clone)]
pub enum Reach {
    Address(EmailAddress),
    /// The city's record has no email address.
    NoAddress,
    /// The city's record has an address that is not one (shown to staff).
    BadAddress(String),
}

/// A current officer: the city holding the role today and how to reach it.
/// Every one counts for the approval rule, reachable or not.
pub struct Officer {
    pub city: MemberCity,
    pub role: RoleKind,
    pub reach: Reach,
}

impl Officer {
    pub fn email(&self) -> Option<&EmailAddress> {
        match &self.reach {
            Reach::Address(email) => Some(email),
            _ => None,
        }
    }

    pub fn is_president(&self) -> bool {
        self.role == RoleKind::President
    }

    /// What keeps this officer from being asked, as a message key.
    pub fn missing(&self) -> Option<&'static str> {
        match self.reach {
            Reach::Address(_) => None,
            Reach::NoAddress => Some("letter-officer-no-address"),
            Reach::BadAddress(_) => Some("letter-officer-bad-address"),
        }
    }

    /// The city's record has no mayor's name: a signatory line needs one.
    pub fn lacks_mayor_name(&self) -> bool {
        self.city
            .mayor_name
            .as_deref()
            .is_none_or(|name| name.trim().is_empty())
    }
}

/// The president and vice-president cities today, whether or not they have
/// a valid address (those without one block the review until staff decide).
pub fn current_officers(conn: &mut DbConn, today: NaiveDate) -> DbResult<Vec<Officer>> {
    let mut officers = Vec::new();
    let mut seen = HashSet::new();
    for (role, city) in cities::current_officers(conn, today)? {
        if !matches!(role.role, RoleKind::President | RoleKind::VicePresident)
            || !city.is_active()
            || !seen.insert(city.id)
        {
            continue;
        }
        let reach = match city.email.as_deref().map(str::trim) {
            None | Some("") => Reach::NoAddress,
            Some(text) => match EmailAddress::parse(text) {
                Ok(email) => Reach::Address(email),
                Err(_) => Reach::BadAddress(text.to_string()),
            },
        };
        officers.push(Officer {
            city,
            role: role.role,
            reach,
        });
    }
    Ok(officers)
}

/// An officer staff left out of a letter's review, and why.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = letter_exclusions)]
pub struct Exclusion {
    pub id: i64,
    pub letter_id: i64,
    pub city_id: i64,
    pub reason: String,
    pub excluded_by: Option<i64>,
    pub created_at: chrono::NaiveDateTime,
}

pub fn exclusions(conn: &mut DbConn, letter_id: i64) -> DbResult<Vec<Exclusion>> {
    Ok(letter_exclusions::table
        .filter(letter_exclusions::letter_id.eq(letter_id))
        .select(Exclusion::as_select())
        .load(conn)?)
}

/// Leaves an officer out of the letter's review; false when it was already.
pub fn exclude(
    conn: &mut DbConn,
    letter_id: i64,
    city_id: i64,
    reason: &str,
    by: Option<i64>,
) -> DbResult<bool> {
    let inserted = diesel::insert_into(letter_exclusions::table)
        .values((
            letter_exclusions::letter_id.eq(letter_id),
            letter_exclusions::city_id.eq(city_id),
            letter_exclusions::reason.eq(reason),
            letter_exclusions::excluded_by.eq(by),
            letter_exclusions::created_at.eq(crate::domain::clock::now()),
        ))
        .execute(conn);
    match inserted {
        Ok(_) => Ok(true),
        Err(e) => {
            let error = db::DbError::from(e);
            if error.is_unique_violation() {
                Ok(false)
            } else {
                Err(error)
            }
        }
    }
}

/// Takes an officer back into the letter's review; false when not excluded.
pub fn include(conn: &mut DbConn, letter_id: i64, city_id: i64) -> DbResult<bool> {
    let deleted = diesel::delete(
        letter_exclusions::table
            .filter(letter_exclusions::letter_id.eq(letter_id))
            .filter(letter_exclusions::city_id.eq(city_id)),
    )
    .execute(conn)?;
    Ok(deleted > 0)
}

/// One current officer in the review of one version: how to reach them,
/// their review of this version if asked, and staff's exclusion if any.
pub struct Seat {
    pub officer: Officer,
    pub review: Option<Review>,
    pub exclusion: Option<Exclusion>,
}

impl Seat {
    /// Counted by the rule but cannot be asked: staff must decide.
    pub fn is_unreachable(&self) -> bool {
        self.exclusion.is_none() && self.officer.email().is_none()
    }

    pub fn answer(&self) -> Option<Answer> {
        self.review.as_ref().and_then(Review::answer)
    }
}

/// Every current officer with where they stand on the letter's current version.
pub fn seats(conn: &mut DbConn, letter: &Letter, today: NaiveDate) -> DbResult<Vec<Seat>> {
    let mut reviews: Vec<Review> = of_version(conn, letter.id, letter.version)?
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    let mut excluded = exclusions(conn, letter.id)?;
    Ok(current_officers(conn, today)?
        .into_iter()
        .map(|officer| {
            let id = officer.city.id;
            let review = reviews
                .iter()
                .position(|r| r.city_id == id)
                .map(|i| reviews.swap_remove(i));
            let exclusion = excluded
                .iter()
                .position(|e| e.city_id == id)
                .map(|i| excluded.swap_remove(i));
            Seat {
                officer,
                review,
                exclusion,
            }
        })
        .collect())
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

/// What circulating a version did, in numbers for the page to say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Circulation {
    /// Officers asked now, one email each.
    pub asked_now: usize,
    /// Officers asked about this version before (not asked twice).
    pub asked_before: usize,
    /// Officers staff left out of this letter's review.
    pub excluded: usize,
}

/// Asks every current officer in the review to review the letter's current
/// version: one review row and one email each. Officers asked already for
/// this version are skipped, so circulating twice sends nothing twice. The
/// caller refuses first when an officer cannot be reached.
pub fn circulate(
    conn: &mut DbConn,
    letter: &Letter,
    seats: &[Seat],
    secret_key: &[u8],
    base_url: &str,
) -> DbResult<Circulation> {
    let mut done = Circulation::default();
    for seat in seats {
        if seat.exclusion.is_some() {
            done.excluded += 1;
            continue;
        }
        if seat.review.is_some() {
            done.asked_before += 1;
            continue;
        }
        let officer = &seat.officer;
        let Some(address) = officer.email() else {
            continue;
        };
        let inserted = conn.transaction(|conn| {
            diesel::insert_into(letter_reviews::table)
                .values((
                    letter_reviews::letter_id.eq(letter.id),
                    letter_reviews::version.eq(letter.version),
                    letter_reviews::city_id.eq(officer.city.id),
                    letter_reviews::role.eq(officer.role.as_str()),
                    letter_reviews::email.eq(address.as_str()),
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
                    done.asked_before += 1;
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
        let email = review_email(letter, officer, address, link);
        mail::enqueue(
            conn,
            &format!(
                "letter-{}-v{}-review-{}",
                letter.id, letter.version, officer.city.id
            ),
            &email,
            Some(Reference::new("letter", letter.id)),
        )?;
        done.asked_now += 1;
    }
    Ok(done)
}

fn review_email(letter: &Letter, officer: &Officer, address: &EmailAddress, link: String) -> Email {
    let lang = officer.city.lang();
    let mayor = officer
        .city
        .mayor_name
        .clone()
        .filter(|name| !name.trim().is_empty())
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
    Email::new(address.clone(), Some(&mayor), lang, &content)
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

/// One current officer as the rule sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vote {
    pub president: bool,
    pub excluded: bool,
    pub unreachable: bool,
    pub asked: bool,
    pub answer: Option<Answer>,
}

impl Seat {
    pub fn vote(&self) -> Vote {
        Vote {
            president: self.officer.is_president(),
            excluded: self.exclusion.is_some(),
            unreachable: self.officer.email().is_none(),
            asked: self.review.is_some(),
            answer: self.answer(),
        }
    }
}

/// Why a rule is met or not, in words for the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    NoOfficers,
    Unreachable(usize),
    NotAsked(usize),
    NoPresident,
    PresidentWaiting,
    VicePresidents {
        needed: usize,
        approved: usize,
        of: usize,
    },
    Majority {
        needed: usize,
        approved: usize,
        of: usize,
    },
    All {
        approved: usize,
        of: usize,
    },
    DeadlineMissing,
    DeadlineAhead(NaiveDate),
    ChangesAsked(usize),
    MetPresidentAndMajority {
        approved: usize,
        of: usize,
    },
    MetMajority {
        approved: usize,
        of: usize,
    },
    MetAll(usize),
    MetDeadline(NaiveDate),
}

impl Reason {
    /// The reason as a sentence in `lang`.
    pub fn text(&self, lang: &Lang) -> String {
        let lang = *lang;
        let n = |v: &usize| FluentArg::Count(i64::try_from(*v).unwrap_or(i64::MAX));
        let date = |d: &NaiveDate| FluentArg::Str(lang.date(*d));
        let (key, args): (&str, Vec<(&'static str, FluentArg)>) = match self {
            Reason::NoOfficers => ("letter-why-no-officers", vec![]),
            Reason::Unreachable(c) => ("letter-why-unreachable", vec![("count", n(c))]),
            Reason::NotAsked(c) => ("letter-why-not-asked", vec![("count", n(c))]),
            Reason::NoPresident => ("letter-why-no-president", vec![]),
            Reason::PresidentWaiting => ("letter-why-president-waiting", vec![]),
            Reason::VicePresidents {
                needed,
                approved,
                of,
            } => (
                "letter-why-vice-presidents",
                vec![
                    ("needed", n(needed)),
                    ("approved", n(approved)),
                    ("of", n(of)),
                ],
            ),
            Reason::Majority {
                needed,
                approved,
                of,
            } => (
                "letter-why-majority",
                vec![
                    ("needed", n(needed)),
                    ("approved", n(approved)),
                    ("of", n(of)),
                ],
            ),
            Reason::All { approved, of } => (
                "letter-why-all",
                vec![("approved", n(approved)), ("of", n(of))],
            ),
            Reason::DeadlineMissing => ("letter-why-deadline-missing", vec![]),
            Reason::DeadlineAhead(d) => ("letter-why-deadline-ahead", vec![("date", date(d))]),
            Reason::ChangesAsked(c) => ("letter-why-changes", vec![("count", n(c))]),
            Reason::MetPresidentAndMajority { approved, of } => (
                "letter-met-president-and-majority",
                vec![("approved", n(approved)), ("of", n(of))],
            ),
            Reason::MetMajority { approved, of } => (
                "letter-met-majority",
                vec![("approved", n(approved)), ("of", n(of))],
            ),
            Reason::MetAll(of) => ("letter-met-all", vec![("of", n(of))]),
            Reason::MetDeadline(d) => ("letter-met-deadline", vec![("date", date(d))]),
        };
        lang.t_with(key, &args)
    }
}

/// Where the review of one version stands under the letter's rule, counting
/// every current officer that staff have not excluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// Current officers the rule counts (all but the excluded).
    pub officers: usize,
    pub excluded: usize,
    /// Counted officers without a usable address.
    pub unreachable: usize,
    pub asked: usize,
    pub approvals: usize,
    pub comments: usize,
    pub president_approved: bool,
    pub vice_presidents: usize,
    pub vice_president_approvals: usize,
    pub rule_met: bool,
    /// Why the rule is met, or every reason it is not.
    pub reasons: Vec<Reason>,
}

/// Evaluates `rule` over every current officer's vote on one version. An
/// officer who cannot be reached and is not excluded keeps the rule from
/// being met; nobody counted: never met.
pub fn standing(
    rule: ApprovalRule,
    deadline: Option<NaiveDate>,
    votes: &[Vote],
    today: NaiveDate,
) -> Standing {
    let counted: Vec<&Vote> = votes.iter().filter(|v| !v.excluded).collect();
    let approved = |v: &&&Vote| v.answer == Some(Answer::Approve);
    let approvals = counted.iter().filter(approved).count();
    let comments = counted
        .iter()
        .filter(|v| v.answer == Some(Answer::Comment))
        .count();
    let unreachable = counted.iter().filter(|v| v.unreachable).count();
    let asked = counted.iter().filter(|v| v.asked).count();
    let not_asked = counted
        .iter()
        .filter(|v| !v.asked && !v.unreachable)
        .count();
    let presidents: Vec<&&Vote> = counted.iter().filter(|v| v.president).collect();
    let vps: Vec<&&Vote> = counted.iter().filter(|v| !v.president).collect();
    let president_approved = !presidents.is_empty() && presidents.iter().all(|v| approved(v));
    let vice_president_approvals = vps.iter().filter(|v| approved(v)).count();

    let mut reasons = Vec::new();
    if counted.is_empty() {
        reasons.push(Reason::NoOfficers);
    }
    if unreachable > 0 {
        reasons.push(Reason::Unreachable(unreachable));
    }
    match rule {
        ApprovalRule::PresidentAndMajority => {
            if presidents.is_empty() {
                reasons.push(Reason::NoPresident);
            } else if !president_approved {
                reasons.push(Reason::PresidentWaiting);
            }
            let needed = vps.len() / 2 + 1;
            if vice_president_approvals < needed {
                reasons.push(Reason::VicePresidents {
                    needed,
                    approved: vice_president_approvals,
                    of: vps.len(),
                });
            }
        }
        ApprovalRule::Majority => {
            let needed = counted.len() / 2 + 1;
            if approvals < needed {
                reasons.push(Reason::Majority {
                    needed,
                    approved: approvals,
                    of: counted.len(),
                });
            }
        }
        ApprovalRule::All => {
            if approvals < counted.len() {
                reasons.push(Reason::All {
                    approved: approvals,
                    of: counted.len(),
                });
            }
        }
        // Silence is consent once the deadline has passed, from those asked,
        // unless someone asked for changes.
        ApprovalRule::Deadline => {
            match deadline {
                None => reasons.push(Reason::DeadlineMissing),
                Some(d) if today <= d => reasons.push(Reason::DeadlineAhead(d)),
                Some(_) => {}
            }
            if comments > 0 {
                reasons.push(Reason::ChangesAsked(comments));
            }
        }
    }
    if not_asked > 0 && (!reasons.is_empty() || rule == ApprovalRule::Deadline) {
        reasons.push(Reason::NotAsked(not_asked));
    }
    let rule_met = reasons.is_empty();
    if rule_met {
        reasons.push(match (rule, deadline) {
            (ApprovalRule::PresidentAndMajority, _) => Reason::MetPresidentAndMajority {
                approved: vice_president_approvals,
                of: vps.len(),
            },
            (ApprovalRule::Majority, _) => Reason::MetMajority {
                approved: approvals,
                of: counted.len(),
            },
            (ApprovalRule::Deadline, Some(d)) => Reason::MetDeadline(d),
            _ => Reason::MetAll(counted.len()),
        });
    }
    Standing {
        officers: counted.len(),
        excluded: votes.len() - counted.len(),
        unreachable,
        asked,
        approvals,
        comments,
        president_approved,
        vice_presidents: vps.len(),
        vice_president_approvals,
        rule_met,
        reasons,
    }
}

/// Where a letter's current version stands, from its seats.
pub fn standing_of(letter: &Letter, seats: &[Seat], today: NaiveDate) -> Standing {
    let votes: Vec<Vote> = seats.iter().map(Seat::vote).collect();
    standing(letter.approval_rule, letter.review_deadline, &votes, today)
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

    fn vote(president: bool, answer: Option<Answer>) -> Vote {
        Vote {
            president,
            excluded: false,
            unreachable: false,
            asked: true,
            answer,
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn the_president_and_a_majority_of_vice_presidents() {
        let (yes, comment) = (Some(Answer::Approve), Some(Answer::Comment));
        let mut votes = vec![
            vote(true, yes),
            vote(false, yes),
            vote(false, None),
            vote(false, comment),
        ];
        let rule = ApprovalRule::PresidentAndMajority;
        let one_of_three = standing(rule, None, &votes, day(1));
        assert!(!one_of_three.rule_met, "1 of 3 VPs");
        assert_eq!(
            one_of_three.reasons,
            vec![Reason::VicePresidents {
                needed: 2,
                approved: 1,
                of: 3
            }]
        );
        votes[2].answer = yes;
        assert!(standing(rule, None, &votes, day(1)).rule_met, "2 of 3 VPs");
        votes[0].answer = None;
        assert!(
            !standing(rule, None, &votes, day(1)).rule_met,
            "no president"
        );
    }

    #[test]
    fn every_current_officer_counts_and_the_unreachable_block_until_excluded() {
        let unreachable = Vote {
            unreachable: true,
            asked: false,
            ..vote(false, None)
        };
        // One approval among 15 officers, 14 of whom cannot be reached.
        let mut votes = vec![vote(false, Some(Answer::Approve))];
        votes.extend(std::iter::repeat_n(unreachable, 14));
        let alone = standing(ApprovalRule::Majority, None, &votes, day(1));
        assert!(!alone.rule_met);
        assert_eq!(alone.officers, 15);
        assert!(alone.reasons.contains(&Reason::Unreachable(14)));
        assert!(alone.reasons.contains(&Reason::Majority {
            needed: 8,
            approved: 1,
            of: 15
        }));
        // Staff exclude the fourteen: one approval of one counted officer.
        for v in votes.iter_mut().skip(1) {
            v.excluded = true;
        }
        let decided = standing(ApprovalRule::Majority, None, &votes, day(1));
        assert!(decided.rule_met);
        assert_eq!((decided.officers, decided.excluded), (1, 14));
        assert_eq!(
            decided.reasons,
            vec![Reason::MetMajority { approved: 1, of: 1 }]
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
        let mut votes = vec![vote(true, None), vote(false, None)];
        let rule = ApprovalRule::Deadline;
        assert!(!standing(rule, Some(day(10)), &votes, day(10)).rule_met);
        assert!(standing(rule, Some(day(10)), &votes, day(11)).rule_met);
        votes[1].answer = Some(Answer::Comment);
        assert!(!standing(rule, Some(day(10)), &votes, day(11)).rule_met);
        votes[1].answer = None;
        votes[1].asked = false;
        assert_eq!(
            standing(rule, Some(day(10)), &votes, day(11)).reasons,
            vec![Reason::NotAsked(1)],
            "silence is consent only from those asked"
        );
        assert!(!standing(ApprovalRule::Majority, None, &[], day(1)).rule_met);
    }
}
