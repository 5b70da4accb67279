//! Links that carry their own authority: an HMAC-SHA256 under the app's secret
//! key over a purpose and the record ids the link is for, so nothing secret is
//! stored, a link cannot be guessed or forged, and a token made for one purpose
//! (verify a signature) is worthless for another (withdraw it).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// What a link is for. The text is part of what is signed, and never changes:
/// links already in people's mailboxes must keep working.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// An applicant's private status page: (application).
    ApplicationStatus,
    /// An officer's review of one version of a letter: (review, letter, version, city).
    LetterReview,
    /// A member city leaving non-essential campaigns: (campaign, city).
    CampaignUnsubscribe,
    /// The same link in a test send, which unsubscribes nobody: (campaign, city).
    CampaignUnsubscribePreview,
    /// Confirming a petition signature: (submission).
    PetitionVerify,
    /// Withdrawing a petition signature: (submission).
    PetitionWithdraw,
    /// A petition's supporter leaving its updates: (petition, submission).
    PetitionUnsubscribe,
    /// A member city's private calendar feed: (city, generation).
    ExhibitionFeed,
    /// A city's registration for a meeting it is invited to: (meeting, city).
    MeetingRegistration,
}

/// How long a link opens. Tokens carry no date: the time runs from the record
/// the link names, so links already sent keep their form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifetime {
    /// This many days from the moment the record the link names was made.
    Days(i64),
    /// Until the record itself ends it, which its area checks: a signature's
    /// verification deadline, the petition's retention, a feed regenerated.
    Record,
    /// For as long as the message it came in is read: an unsubscribe link
    /// only takes a city off non-essential mail, and must keep working.
    Unlimited,
}

impl Purpose {
    /// Each purpose's lifetime, in one place.
    pub fn lifetime(self) -> Lifetime {
        match self {
            // An applicant follows the application until it is decided and the
            // city has joined: a year is ample.
            Purpose::ApplicationStatus => Lifetime::Days(365),
            // Reviews have deadlines of days or weeks.
            Purpose::LetterReview => Lifetime::Days(60),
            Purpose::CampaignUnsubscribe
            | Purpose::CampaignUnsubscribePreview
            | Purpose::PetitionUnsubscribe => Lifetime::Unlimited,
            // PETITION_VERIFICATION_DAYS, kept in the submission's `expires_at`.
            Purpose::PetitionVerify => Lifetime::Record,
            // Until the petition's retention ends and its signers are anonymised.
            Purpose::PetitionWithdraw => Lifetime::Record,
            // Until the city makes a new one.
            Purpose::ExhibitionFeed => Lifetime::Record,
            // Until the meeting's registration closes, which its area checks.
            Purpose::MeetingRegistration => Lifetime::Record,
        }
    }
}

/// Whether a link of `purpose` to a record made at `made_at` still opens at
/// `now` by its [`Lifetime`] in days (the other lifetimes are the record's).
pub fn is_current(
    purpose: Purpose,
    made_at: chrono::NaiveDateTime,
    now: chrono::NaiveDateTime,
) -> bool {
    match purpose.lifetime() {
        Lifetime::Days(days) => now <= made_at + chrono::Duration::days(days),
        Lifetime::Record | Lifetime::Unlimited => true,
    }
}

/// The text of each purpose (a table, not a match: these are not message keys).
const LABELS: [(Purpose, &str); 9] = [
    (Purpose::ApplicationStatus, "application-status"),
    (Purpose::LetterReview, "letter-review"),
    (Purpose::CampaignUnsubscribe, "campaign-unsubscribe"),
    (
        Purpose::CampaignUnsubscribePreview,
        "campaign-unsubscribe-preview",
    ),
    (Purpose::PetitionVerify, "petition-verify"),
    (Purpose::PetitionWithdraw, "petition-withdraw"),
    (Purpose::PetitionUnsubscribe, "petition-unsubscribe"),
    (Purpose::ExhibitionFeed, "exhibition-feed"),
    (Purpose::MeetingRegistration, "meeting-registration"),
];

impl Purpose {
    fn label(self) -> &'static str {
        LABELS
            .iter()
            .find(|(purpose, _)| *purpose == self)
            .map_or("", |(_, label)| label)
    }
}

fn mac(secret_key: &[u8], purpose: Purpose, ids: &[i64]) -> Hmac<Sha256> {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret_key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    let mut message = purpose.label().to_string();
    for id in ids {
        message.push(':');
        message.push_str(&id.to_string());
    }
    mac.update(message.as_bytes());
    mac
}

/// The token for a link: URL-safe base64 without padding (43 characters).
pub fn token(secret_key: &[u8], purpose: Purpose, ids: &[i64]) -> String {
    URL_SAFE_NO_PAD.encode(mac(secret_key, purpose, ids).finalize().into_bytes())
}

/// Whether `token` was made by [`token`] for this purpose and these ids; the
/// comparison takes the same time whatever the token.
///
/// Unsubscribe links sent before the tokens were unified were written in hex;
/// those still in mailboxes are accepted too.
pub fn is_valid(secret_key: &[u8], purpose: Purpose, ids: &[i64], token: &str) -> bool {
    let bytes = match URL_SAFE_NO_PAD.decode(token) {
        Ok(bytes) if bytes.len() == 32 => bytes,
        _ if token.len() == 64 => match hex::decode(token) {
            Ok(bytes) => bytes,
            Err(_) => return false,
        },
        _ => return false,
    };
    mac(secret_key, purpose, ids).verify_slice(&bytes).is_ok()
}

/// The token of the first version's links, computed from their signed text as
/// written out by hand, for the areas' tests that prove links already sent
/// still open.
#[cfg(test)]
pub(crate) fn token_of_text(secret_key: &[u8], text: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret_key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(text.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"a secret key of the app, long enough for the tests";

    #[test]
    fn a_token_opens_only_its_own_purpose_and_ids() {
        let made = token(KEY, Purpose::PetitionVerify, &[42]);
        assert_eq!(made.len(), 43);
        assert!(is_valid(KEY, Purpose::PetitionVerify, &[42], &made));
        assert!(!is_valid(KEY, Purpose::PetitionWithdraw, &[42], &made));
        assert!(!is_valid(KEY, Purpose::PetitionVerify, &[43], &made));
        assert!(!is_valid(
            b"another key",
            Purpose::PetitionVerify,
            &[42],
            &made
        ));
        assert!(!is_valid(
            KEY,
            Purpose::PetitionVerify,
            &[42],
            "not a token"
        ));
        assert!(!is_valid(KEY, Purpose::PetitionVerify, &[42], ""));
    }

    #[test]
    fn links_with_a_lifetime_in_days_close_after_it() {
        let made = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap();
        let days = |n| made + chrono::Duration::days(n);
        assert!(is_current(Purpose::ApplicationStatus, made, days(365)));
        assert!(!is_current(Purpose::ApplicationStatus, made, days(366)));
        assert!(is_current(Purpose::LetterReview, made, days(60)));
        assert!(!is_current(Purpose::LetterReview, made, days(61)));
        assert!(is_current(Purpose::CampaignUnsubscribe, made, days(3650)));
        assert_eq!(Purpose::PetitionWithdraw.lifetime(), Lifetime::Record);
    }

    #[test]
    fn ids_are_separated_so_they_cannot_be_shifted() {
        let made = token(KEY, Purpose::CampaignUnsubscribe, &[1, 23]);
        assert!(!is_valid(
            KEY,
            Purpose::CampaignUnsubscribe,
            &[12, 3],
            &made
        ));
    }

    #[test]
    fn hex_tokens_of_earlier_unsubscribe_links_still_open() {
        let legacy = hex::encode(
            mac(KEY, Purpose::CampaignUnsubscribe, &[7, 9])
                .finalize()
                .into_bytes(),
        );
        assert!(is_valid(
            KEY,
            Purpose::CampaignUnsubscribe,
            &[7, 9],
            &legacy
        ));
        assert!(!is_valid(
            KEY,
            Purpose::CampaignUnsubscribe,
            &[7, 10],
            &legacy
        ));
    }
}
