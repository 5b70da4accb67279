//! A campaign in several languages: its own subject and body are the default
//! version (in `campaigns.language`), and each translation is a row of
//! `campaign_versions`. Each city gets the version in its language, or the
//! default when there is none. A translation may be saved with a broken
//! placeholder (work in progress, marked on the campaign's page), but the
//! campaign is not sent until every version is whole.

use diesel::prelude::*;

use super::audience::Recipient;
use super::error::CampaignError;
use super::models::Campaign;
use super::placeholders::{self, TemplateError};
use super::store;
use crate::audit::{self, Action, Actor};
use crate::db::{Db, DbConn, DbResult};
use crate::domain::{MultiLine, PlainLine};
use crate::i18n::Lang;
use crate::schema::campaign_versions;
use crate::web::form::FormErrors;

/// An installed language by its exact code (`ko`), as stored and in links.
pub fn installed(code: &str) -> Option<Lang> {
    Lang::all().iter().copied().find(|lang| lang.code() == code)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = campaign_versions)]
struct VersionRow {
    language: String,
    subject: String,
    body: String,
}

/// One version of a campaign's text.
#[derive(Debug, Clone)]
pub struct Version {
    pub lang: Lang,
    pub subject: String,
    pub body: String,
    /// The campaign's own text, which cities without a version of their language get.
    pub is_default: bool,
}

impl Version {
    /// Checks that every placeholder of the subject and body is known and closed.
    pub fn check(&self) -> Result<(), TemplateError> {
        placeholders::check(&self.subject)?;
        placeholders::check(&self.body)
    }

    /// The message key of what is wrong with a placeholder, if anything.
    pub fn error_key(&self) -> Option<&'static str> {
        self.check().err().map(|e| e.message_key())
    }
}

/// Every version of a campaign: the default first, then the translations in
/// the order of the installed languages.
#[derive(Debug, Clone)]
pub struct Versions(Vec<Version>);

impl Versions {
    pub fn load(conn: &mut DbConn, campaign: &Campaign) -> DbResult<Versions> {
        let rows: Vec<VersionRow> = campaign_versions::table
            .filter(campaign_versions::campaign_id.eq(campaign.id))
            .select(VersionRow::as_select())
            .load(conn)?;
        Ok(Versions::of(campaign, &rows))
    }

    fn of(campaign: &Campaign, rows: &[VersionRow]) -> Versions {
        let default_lang = campaign.lang();
        let mut list = vec![Version {
            lang: default_lang,
            subject: campaign.subject.clone(),
            body: campaign.body.clone(),
            is_default: true,
        }];
        for &lang in Lang::all().iter().filter(|&&l| l != default_lang) {
            if let Some(row) = rows.iter().find(|row| row.language == lang.code()) {
                list.push(Version {
                    lang,
                    subject: row.subject.clone(),
                    body: row.body.clone(),
                    is_default: false,
                });
            }
        }
        Versions(list)
    }

    /// The campaign's own text.
    pub fn default_version(&self) -> &Version {
        &self.0[0]
    }

    pub fn all(&self) -> &[Version] {
        &self.0
    }

    pub fn get(&self, lang: Lang) -> Option<&Version> {
        self.0.iter().find(|v| v.lang == lang)
    }

    /// The version a city of `language` gets: its own, or the default.
    pub fn for_language(&self, language: &str) -> &Version {
        installed(language)
            .and_then(|lang| self.get(lang))
            .unwrap_or_else(|| self.default_version())
    }

    pub fn for_recipient(&self, recipient: &Recipient) -> &Version {
        self.for_language(&recipient.city.language)
    }

    /// Refused while a placeholder is broken in any version.
    pub fn check_all(&self) -> Result<(), CampaignError> {
        if self.0.iter().any(|v| v.check().is_err()) {
            Err(CampaignError::Refused(
                "campaign-version-placeholder-broken",
            ))
        } else {
            Ok(())
        }
    }
}

/// The cities of one language in the audience and the version they get.
#[derive(Debug, Clone)]
pub struct Share {
    /// The cities' language.
    pub lang: Lang,
    pub cities: usize,
    /// Their language's own version, if the campaign has one.
    pub own: Option<Version>,
    /// The version they get: their own or the default.
    pub gets: Lang,
    /// The first of them, for the preview.
    pub sample: Option<Recipient>,
}

/// Who gets which version: a share per installed language that has cities in
/// the audience or a version, and how many cities speak a language that is
/// not installed (they get the default).
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub shares: Vec<Share>,
    pub others: usize,
}

impl Plan {
    pub fn of(versions: &Versions, recipients: &[Recipient]) -> Plan {
        let mut shares = Vec::new();
        for &lang in Lang::all() {
            let mut of_lang = recipients
                .iter()
                .filter(|r| installed(&r.city.language) == Some(lang));
            let sample = of_lang.next().cloned();
            let cities = usize::from(sample.is_some()) + of_lang.count();
            let own = versions.get(lang).cloned();
            if cities == 0 && own.is_none() {
                continue;
            }
            let gets = own
                .as_ref()
                .map_or(versions.default_version().lang, |v| v.lang);
            shares.push(Share {
                lang,
                cities,
                own,
                gets,
                sample,
            });
        }
        let others = recipients
            .iter()
            .filter(|r| installed(&r.city.language).is_none())
            .count();
        Plan { shares, others }
    }

    /// In how many languages the messages go out.
    pub fn languages_sent(&self, default: Lang) -> usize {
        let mut langs: Vec<Lang> = self
            .shares
            .iter()
            .filter(|s| s.cities > 0)
            .map(|s| s.gets)
            .collect();
        if self.others > 0 {
            langs.push(default);
        }
        langs.sort_by_key(Lang::code);
        langs.dedup();
        langs.len()
    }
}

// ------------------------------------------------------------ editing

/// The translation form as typed.
#[derive(serde::Deserialize, Clone, Default)]
pub struct VersionForm {
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub body: String,
}

impl VersionForm {
    pub fn of(version: &Version) -> VersionForm {
        VersionForm {
            subject: version.subject.clone(),
            body: version.body.clone(),
        }
    }

    /// The subject and body; their placeholders are checked on the campaign's
    /// page and before sending, not here, so that work in progress is kept.
    fn parse(&self) -> Result<(String, String), FormErrors> {
        let mut errors = FormErrors::default();
        let subject = errors.check("subject", PlainLine::parse(&self.subject, 200));
        let body = errors.check("body", MultiLine::parse(&self.body, 50_000));
        match (subject, body) {
            (Some(subject), Some(body)) if errors.is_empty() => {
                Ok((subject.into_string(), body.as_str().to_string()))
            }
            _ => Err(errors),
        }
    }
}

/// A draft whose translation into `lang` may be written: not its default language.
fn draft_for(conn: &mut DbConn, id: i64, lang: Lang) -> Result<Campaign, CampaignError> {
    let campaign = store::find(conn, id)?.ok_or(CampaignError::NotFound)?;
    if !campaign.is_draft() {
        return Err(CampaignError::BadRequest("campaign-not-draft"));
    }
    if campaign.lang() == lang {
        return Err(CampaignError::BadRequest("campaign-version-is-default"));
    }
    Ok(campaign)
}

/// A draft, its default version, and its translation into `lang` if there is one.
pub async fn editor(
    db: &Db,
    id: i64,
    lang: Lang,
) -> Result<(Campaign, Version, Option<Version>), CampaignError> {
    db.read(move |conn| {
        let campaign = draft_for(conn, id, lang)?;
        let versions = Versions::load(conn, &campaign)?;
        let own = versions.get(lang).cloned();
        Ok((campaign, versions.default_version().clone(), own))
    })
    .await
}

/// Saves the translation into `lang`, audited; answers the message key of a
/// broken placeholder, if any, which must be fixed before sending.
pub async fn save(
    db: &Db,
    actor: &Actor,
    id: i64,
    lang: Lang,
    form: &VersionForm,
) -> Result<Option<&'static str>, CampaignError> {
    let (subject, body) = form.parse().map_err(CampaignError::Invalid)?;
    let actor = actor.clone();
    db.transaction(move |conn| {
        draft_for(conn, id, lang)?;
        let now = crate::domain::clock::now();
        let code = lang.code();
        let mine = campaign_versions::table
            .filter(campaign_versions::campaign_id.eq(id))
            .filter(campaign_versions::language.eq(&code));
        let updated = diesel::update(mine)
            .set((
                campaign_versions::subject.eq(&subject),
                campaign_versions::body.eq(&body),
                campaign_versions::updated_at.eq(now),
            ))
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(campaign_versions::table)
                .values((
                    campaign_versions::campaign_id.eq(id),
                    campaign_versions::language.eq(&code),
                    campaign_versions::subject.eq(&subject),
                    campaign_versions::body.eq(&body),
                    campaign_versions::created_at.eq(now),
                    campaign_versions::updated_at.eq(now),
                ))
                .execute(conn)?;
        }
        let summary = format!("version {code}: {subject}");
        audit::record(conn, &actor, Action::CampaignUpdate, id, summary)?;
        let version = Version {
            lang,
            subject,
            body,
            is_default: false,
        };
        Ok(version.error_key())
    })
    .await
}

/// Removes the translation into `lang`, audited: its cities get the default.
pub async fn remove(db: &Db, actor: &Actor, id: i64, lang: Lang) -> Result<(), CampaignError> {
    let actor = actor.clone();
    db.transaction(move |conn| {
        draft_for(conn, id, lang)?;
        let code = lang.code();
        let removed = diesel::delete(
            campaign_versions::table
                .filter(campaign_versions::campaign_id.eq(id))
                .filter(campaign_versions::language.eq(&code)),
        )
        .execute(conn)?;
        if removed == 0 {
            return Err(CampaignError::NotFound);
        }
        let summary = format!("version {code} removed");
        audit::record(conn, &actor, Action::CampaignUpdate, id, summary)?;
        Ok(())
    })
    .await
}

/// Whether the campaign has a translation into `lang` (the default language
/// cannot move onto one).
pub fn has_translation(conn: &mut DbConn, id: i64, lang: Lang) -> DbResult<bool> {
    let count: i64 = campaign_versions::table
        .filter(campaign_versions::campaign_id.eq(id))
        .filter(campaign_versions::language.eq(lang.code()))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}
