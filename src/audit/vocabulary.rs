//! What the audit log records: every kind of staff action and every kind of
//! record it touches. Stored as their text (`user.invite`), shown in the
//! reader's language on the audit page; an action knows the kind of record it changes.

crate::text_enum!(
    /// A kind of action recorded in the audit log.
    Action {
        UserCreateAdmin => "user.create_admin" / "audit-action-user-create-admin",
        UserCreateFirstAdmin => "user.create_first_admin" / "audit-action-user-create-first-admin",
        UserInvite => "user.invite" / "audit-action-user-invite",
        UserAcceptInvitation => "user.accept_invitation" / "audit-action-user-accept-invitation",
        UserChangePassword => "user.change_password" / "audit-action-user-change-password",
        UserDeactivate => "user.deactivate" / "audit-action-user-deactivate",
        UserReactivate => "user.reactivate" / "audit-action-user-reactivate",
        UserTwoFactorEnable => "user.two_factor_enable" / "audit-action-user-two-factor-enable",
        UserTwoFactorReset => "user.two_factor_reset" / "audit-action-user-two-factor-reset",
        UserRecoveryCodeUsed => "user.recovery_code_used" / "audit-action-user-recovery-code-used",
        UserSignOutEverywhere => "user.sign_out_everywhere" / "audit-action-user-sign-out-everywhere",
        ApplicationApprove => "application.approve" / "audit-action-application-approve",
        ApplicationReject => "application.reject" / "audit-action-application-reject",
        ApplicationRequestInformation => "application.request_information" / "audit-action-application-request-information",
        ApplicationReply => "application.reply" / "audit-action-application-reply",
        MemberRegister => "member.register" / "audit-action-member-register",
        MemberStatus => "member.status" / "audit-action-member-status",
        MemberContactUpdate => "member.contact_update" / "audit-action-member-contact-update",
        MemberImport => "member.import" / "audit-action-member-import",
        MemberExport => "member.export" / "audit-action-member-export",
        MemberRoleAdd => "member.role_add" / "audit-action-member-role-add",
        MemberRoleEnd => "member.role_end" / "audit-action-member-role-end",
        MemberRoleEdit => "member.role_edit" / "audit-action-member-role-edit",
        MemberInviteUser => "member.invite_user" / "audit-action-member-invite-user",
        MemberEdit => "member.edit" / "audit-action-member-edit",
        RegistrationRun => "registration.run" / "audit-action-registration-run",
        SettingsRegistrationDay => "settings.registration_day" / "audit-action-settings-registration-day",
        SettingsTimeZone => "settings.time_zone" / "audit-action-settings-time-zone",
        SisterInvite => "sister.invite" / "audit-action-sister-invite",
        CountryAddRegion => "country.add_region" / "audit-action-country-add-region",
        CountryContinent => "country.continent" / "audit-action-country-continent",
        DuesPayment => "dues.payment" / "audit-action-dues-payment",
        DuesWaiver => "dues.waiver" / "audit-action-dues-waiver",
        DuesReverse => "dues.reverse" / "audit-action-dues-reverse",
        DuesReceiptEmail => "dues.receipt_email" / "audit-action-dues-receipt-email",
        DuesImport => "dues.import" / "audit-action-dues-import",
        DuesImportPost => "dues.import_post" / "audit-action-dues-import-post",
        DuesReminders => "dues.reminders" / "audit-action-dues-reminders",
        DuesRemindersOff => "dues.reminders_off" / "audit-action-dues-reminders-off",
        DuesRemindersOn => "dues.reminders_on" / "audit-action-dues-reminders-on",
        SettingsDues => "settings.dues" / "audit-action-settings-dues",
        ExhibitionRegister => "exhibition.register" / "audit-action-exhibition-register",
        ExhibitionUpdate => "exhibition.update" / "audit-action-exhibition-update",
        ExhibitionStatus => "exhibition.status" / "audit-action-exhibition-status",
        ExhibitionBookSet => "exhibition.book_set" / "audit-action-exhibition-book-set",
        ExhibitionReleaseSet => "exhibition.release_set" / "audit-action-exhibition-release-set",
        ExhibitionReport => "exhibition.report" / "audit-action-exhibition-report",
        ExhibitionBuffers => "exhibition.buffers" / "audit-action-exhibition-buffers",
        ExhibitionFeedRegenerate => "exhibition.feed_regenerate" / "audit-action-exhibition-feed-regenerate",
        PosterSetAdd => "poster_set.add" / "audit-action-poster-set-add",
        PosterSetUpdate => "poster_set.update" / "audit-action-poster-set-update",
        PosterFileUpload => "poster_file.upload" / "audit-action-poster-file-upload",
        PetitionCreate => "petition.create" / "audit-action-petition-create",
        PetitionUpdate => "petition.update" / "audit-action-petition-update",
        PetitionPaperBatch => "petition.paper_batch" / "audit-action-petition-paper-batch",
        PetitionInvalidate => "petition.invalidate" / "audit-action-petition-invalidate",
        PetitionAnonymise => "petition.anonymise" / "audit-action-petition-anonymise",
        PetitionExportSignatures => "petition.export_signatures" / "audit-action-petition-export-signatures",
        PetitionBlockDomain => "petition.block_domain" / "audit-action-petition-block-domain",
        PetitionUnblockDomain => "petition.unblock_domain" / "audit-action-petition-unblock-domain",
        PetitionTranslate => "petition.translate" / "audit-action-petition-translate",
        PetitionSupporterUpdate => "petition.supporter_update" / "audit-action-petition-supporter-update",
        PetitionSupporterUnsubscribe => "petition.supporter_unsubscribe" / "audit-action-petition-supporter-unsubscribe",
        LetterCreate => "letter.create" / "audit-action-letter-create",
        LetterUpdate => "letter.update" / "audit-action-letter-update",
        LetterCirculate => "letter.circulate" / "audit-action-letter-circulate",
        LetterReviewAnswer => "letter.review_answer" / "audit-action-letter-review-answer",
        LetterFinal => "letter.final" / "audit-action-letter-final",
        LetterSend => "letter.send" / "audit-action-letter-send",
        LetterExclude => "letter.exclude" / "audit-action-letter-exclude",
        LetterInclude => "letter.include" / "audit-action-letter-include",
        LetterTranslationSave => "letter.translation_save" / "audit-action-letter-translation-save",
        CampaignCreate => "campaign.create" / "audit-action-campaign-create",
        CampaignUpdate => "campaign.update" / "audit-action-campaign-update",
        CampaignApprove => "campaign.approve" / "audit-action-campaign-approve",
        CampaignSend => "campaign.send" / "audit-action-campaign-send",
        CampaignPause => "campaign.pause" / "audit-action-campaign-pause",
        CampaignResume => "campaign.resume" / "audit-action-campaign-resume",
        CampaignCancel => "campaign.cancel" / "audit-action-campaign-cancel",
        CampaignSettings => "campaign.settings" / "audit-action-campaign-settings",
        CampaignUnsubscribe => "campaign.unsubscribe" / "audit-action-campaign-unsubscribe",
        OutboxRetry => "outbox.retry" / "audit-action-outbox-retry",
        OutboxCancel => "outbox.cancel" / "audit-action-outbox-cancel",
        JobRunNow => "job.run_now" / "audit-action-job-run-now",
        JobPause => "job.pause" / "audit-action-job-pause",
        JobResume => "job.resume" / "audit-action-job-resume",
        JobSchedule => "job.schedule" / "audit-action-job-schedule",
        MeetingCreate => "meeting.create" / "audit-action-meeting-create",
        MeetingPublish => "meeting.publish" / "audit-action-meeting-publish",
        MeetingInvite => "meeting.invite" / "audit-action-meeting-invite",
        MeetingRemind => "meeting.remind" / "audit-action-meeting-remind",
        MeetingRegister => "meeting.register" / "audit-action-meeting-register",
        MeetingDecline => "meeting.decline" / "audit-action-meeting-decline",
        MeetingWithdraw => "meeting.withdraw" / "audit-action-meeting-withdraw",
        MeetingPlaceFreed => "meeting.place_freed" / "audit-action-meeting-place-freed",
        MeetingVisaLetter => "meeting.visa_letter" / "audit-action-meeting-visa-letter",
        MeetingAttendance => "meeting.attendance" / "audit-action-meeting-attendance",
        MeetingOutcome => "meeting.outcome" / "audit-action-meeting-outcome",
    }
);

crate::text_enum!(
    /// A kind of record an audited action changes.
    Entity {
        User => "user" / "audit-entity-user",
        Invitation => "invitation" / "audit-entity-invitation",
        Application => "application" / "audit-entity-application",
        MemberCity => "member_city" / "audit-entity-member-city",
        CityRole => "city_role" / "audit-entity-city-role",
        RegistrationRun => "registration_run" / "audit-entity-registration-run",
        Setting => "setting" / "audit-entity-setting",
        SisterInvitation => "sister_invitation" / "audit-entity-sister-invitation",
        Country => "country" / "audit-entity-country",
        DuesEntry => "dues_entry" / "audit-entity-dues-entry",
        DuesImport => "dues_import" / "audit-entity-dues-import",
        DuesYear => "dues_year" / "audit-entity-dues-year",
        Exhibition => "exhibition" / "audit-entity-exhibition",
        PosterSet => "poster_set" / "audit-entity-poster-set",
        PosterFile => "poster_file" / "audit-entity-poster-file",
        Petition => "petition" / "audit-entity-petition",
        PetitionPaperBatch => "petition_paper_batch" / "audit-entity-petition-paper-batch",
        PetitionSubmission => "petition_submission" / "audit-entity-petition-submission",
        EmailDomain => "email_domain" / "audit-entity-email-domain",
        Letter => "letter" / "audit-entity-letter",
        Campaign => "campaign" / "audit-entity-campaign",
        Outbox => "outbox" / "audit-entity-outbox",
        Job => "job" / "audit-entity-job",
        Meeting => "meeting" / "audit-entity-meeting",
    }
);

impl Action {
    /// The kind of record this action changes.
    pub fn entity(self) -> Entity {
        match self {
            Action::UserCreateAdmin
            | Action::UserCreateFirstAdmin
            | Action::UserAcceptInvitation
            | Action::UserChangePassword
            | Action::UserDeactivate
            | Action::UserReactivate
            | Action::UserTwoFactorEnable
            | Action::UserTwoFactorReset
            | Action::UserRecoveryCodeUsed
            | Action::UserSignOutEverywhere => Entity::User,
            Action::UserInvite | Action::MemberInviteUser => Entity::Invitation,
            Action::ApplicationApprove
            | Action::ApplicationReject
            | Action::ApplicationRequestInformation
            | Action::ApplicationReply => Entity::Application,
            Action::MemberRegister
            | Action::MemberStatus
            | Action::MemberContactUpdate
            | Action::MemberImport
            | Action::MemberExport
            | Action::MemberEdit
            | Action::DuesRemindersOff
            | Action::DuesRemindersOn
            | Action::CampaignUnsubscribe
            | Action::ExhibitionFeedRegenerate => Entity::MemberCity,
            Action::MemberRoleAdd | Action::MemberRoleEnd | Action::MemberRoleEdit => {
                Entity::CityRole
            }
            Action::RegistrationRun => Entity::RegistrationRun,
            Action::SettingsRegistrationDay
            | Action::SettingsTimeZone
            | Action::SettingsDues
            | Action::ExhibitionBuffers
            | Action::CampaignSettings => Entity::Setting,
            Action::SisterInvite => Entity::SisterInvitation,
            Action::CountryAddRegion | Action::CountryContinent => Entity::Country,
            Action::DuesPayment
            | Action::DuesWaiver
            | Action::DuesReverse
            | Action::DuesReceiptEmail => Entity::DuesEntry,
            Action::DuesImport | Action::DuesImportPost => Entity::DuesImport,
            Action::DuesReminders => Entity::DuesYear,
            Action::ExhibitionRegister
            | Action::ExhibitionUpdate
            | Action::ExhibitionStatus
            | Action::ExhibitionBookSet
            | Action::ExhibitionReleaseSet
            | Action::ExhibitionReport => Entity::Exhibition,
            Action::PosterSetAdd | Action::PosterSetUpdate => Entity::PosterSet,
            Action::PosterFileUpload => Entity::PosterFile,
            Action::PetitionCreate
            | Action::PetitionUpdate
            | Action::PetitionInvalidate
            | Action::PetitionAnonymise
            | Action::PetitionExportSignatures
            | Action::PetitionTranslate
            | Action::PetitionSupporterUpdate => Entity::Petition,
            Action::PetitionSupporterUnsubscribe => Entity::PetitionSubmission,
            Action::PetitionPaperBatch => Entity::PetitionPaperBatch,
            Action::PetitionBlockDomain | Action::PetitionUnblockDomain => Entity::EmailDomain,
            Action::LetterCreate
            | Action::LetterUpdate
            | Action::LetterCirculate
            | Action::LetterReviewAnswer
            | Action::LetterFinal
            | Action::LetterSend
            | Action::LetterExclude
            | Action::LetterInclude
            | Action::LetterTranslationSave => Entity::Letter,
            Action::CampaignCreate
            | Action::CampaignUpdate
            | Action::CampaignApprove
            | Action::CampaignSend
            | Action::CampaignPause
            | Action::CampaignResume
            | Action::CampaignCancel => Entity::Campaign,
            Action::OutboxRetry | Action::OutboxCancel => Entity::Outbox,
            Action::JobRunNow | Action::JobPause | Action::JobResume | Action::JobSchedule => {
                Entity::Job
            }
            Action::MeetingCreate
            | Action::MeetingPublish
            | Action::MeetingInvite
            | Action::MeetingRemind
            | Action::MeetingRegister
            | Action::MeetingDecline
            | Action::MeetingWithdraw
            | Action::MeetingPlaceFreed
            | Action::MeetingVisaLetter
            | Action::MeetingAttendance
            | Action::MeetingOutcome => Entity::Meeting,
        }
    }
}
