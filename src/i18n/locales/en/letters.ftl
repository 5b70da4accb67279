# Letters: the officers' review counted over every current officer, its
# reasons in words, exclusions, the send confirmation, translations and the
# public letter page (issues #18 and #19).

letter-why-no-officers = There is no current president or vice-president to review the letter.
letter-why-unreachable = { $count ->
    [one] One officer cannot be reached. Add an address to the city's record, or exclude the officer from this review with a reason.
   *[other] { $count } officers cannot be reached. Add an address to each city's record, or exclude the officers from this review with a reason.
}
letter-why-not-asked = { $count ->
    [one] One officer has not been asked about this version yet.
   *[other] { $count } officers have not been asked about this version yet.
}
letter-why-no-president = The rule needs the president's approval, and the president is excluded from this review.
letter-why-president-waiting = The president has not approved this version.
letter-why-vice-presidents = { $needed } of the { $of } vice-presidents must approve; { $approved ->
    [0] none has
    [one] one has
   *[other] { $approved } have
}.
letter-why-majority = A majority of the { $of } officers is { $needed }; { $approved ->
    [0] none has approved
    [one] one has approved
   *[other] { $approved } have approved
}.
letter-why-all = Every one of the { $of } officers must approve; { $approved ->
    [0] none has
    [one] one has
   *[other] { $approved } have
}.
letter-why-deadline-missing = The rule waits for a review deadline, and none is set.
letter-why-deadline-ahead = Answers are open until { $date }; the rule can be met only after that day.
letter-why-changes = { $count ->
    [one] One officer asked for changes.
   *[other] { $count } officers asked for changes.
}
letter-met-president-and-majority = The rule is met: the president and { $approved } of the { $of } vice-presidents approved.
letter-met-majority = The rule is met: { $approved } of the { $of } officers approved, a majority.
letter-met-all = The rule is met: { $of ->
    [one] the one officer approved.
   *[other] all { $of } officers approved.
}
letter-met-deadline = The rule is met: the deadline of { $date } has passed and no officer asked for changes.
letter-why-blocked = Some officers cannot be reached: add their addresses or exclude them from the review first.
letter-circulate-blocked = Nobody was asked: { $count ->
    [one] one officer cannot be reached ({ $names }).
   *[other] { $count } officers cannot be reached ({ $names }).
} Add an address to the city's record, or exclude the officer from this review with a reason.
letter-circulate-held = { $count ->
    [one] The draft goes to the officers once staff decide about the officer who cannot be reached.
   *[other] The draft goes to the officers once staff decide about the { $count } officers who cannot be reached.
}
letter-circulated-nobody-new = Nobody new was asked.
letter-circulated-now = { $count ->
    [one] One officer was asked to review this version.
   *[other] { $count } officers were asked to review this version.
}
letter-circulated-before = { $count ->
    [one] One officer had been asked already.
   *[other] { $count } officers had been asked already.
}
letter-circulated-excluded = { $count ->
    [one] One officer is excluded from this review.
   *[other] { $count } officers are excluded from this review.
}
letter-standing-of = { $approvals } of { $officers ->
    [one] 1 officer
   *[other] { $officers } officers
} approved this version.
letter-standing-excluded = { $count ->
    [one] (One officer is excluded from this review.)
   *[other] ({ $count } officers are excluded from this review.)
}
letter-no-officers-hint = There is no current president or vice-president. Give the roles to member cities on their pages, then come back.
letter-officer-address = Address
letter-officer-decision = Staff's decision
letter-officer-no-mayor-name = No mayor's name on the city's record.
letter-officer-no-address = No email address.
letter-officer-bad-address = Not a valid email address:
letter-officer-add-address = Add an address
letter-officer-excluded = Excluded from this review: { $reason }
letter-officer-cannot-be-asked = Cannot be asked
letter-officer-not-asked = Not asked about this version yet
letter-officer-exclude-reason = Reason
letter-officer-exclude = Exclude from this review
letter-officer-include = Take back into this review
letter-excluded = { $city } is excluded from this letter's review.
letter-included = { $city } is back in this letter's review.
letter-exclude-reason-required = Say why the officer is excluded from the review.
letter-signatory-nameless = A signatory has no name (a line begins with a comma). Write the name first, or remove the line.
letter-signatories-unnamed = Not among the signatories, because their city's record has no mayor's name: { $cities }. Add the name to the record, or write the line yourself.
letter-sent-count = { $count ->
    [one] The letter is on its way to one addressee, with the officers in copy.
   *[other] The letter is on its way to { $count } addressees, with the officers in copy.
}
letter-send-confirm-title = Send the letter
letter-send-summary = { $addressees ->
    [one] One email goes to the addressee
   *[other] { $addressees } emails go to the addressees, one each,
} { $cc ->
    [0] with no officer in copy.
    [one] with one officer in copy.
   *[other] with { $cc } officers in copy.
}
letter-send-no-cc = No officer has a usable address: nobody is in copy.
letter-send-number = The letter carries its number: { $heading }.
letter-send-final-warning = Once sent, the letter is in the public archive and can no longer change.
letter-send-button = { $count ->
    [one] Send to 1 addressee
   *[other] Send to { $count } addressees
}
letter-send-cancel = Not now
letter-translations = Translations
letter-original = Original
letter-original-language = The original is in { $language }.
letter-translations-none = No translations yet. With one, officers read the draft in their city's language beside the original, and the archive offers the letter in that language too.
letter-translation-add = Add a version in { $language }
letter-translation-into = Version in { $language }
letter-translation-new-hint = A new translation: the form starts from the original's text. Each change you save keeps a version.
letter-translation-saved = The version in { $language } was saved (version { $version }).
letter-review-translation-beside = The draft in { $language }, with the original beside it. The original is what will be sent.
letter-back-to-archive = Back to the letters archive
letter-languages = Languages
audit-action-letter-exclude = Excluded an officer from a letter's review
audit-action-letter-include = Took an officer back into a letter's review
audit-action-letter-translation-save = Saved a translation of a letter
