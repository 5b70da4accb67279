# Issue #19 items 1, 4, 6 (petitions in several languages, supporters,
# milestones) and issue #18 item 7 (the petition bits).

## The public page
petition-versions-other = Also in:
petition-version-fallback = This petition has no { $language } version yet; you are reading the original.
petition-milestones = Milestones
petition-milestone-reached = { $count } signatures reached
report-print-hint = Use your browser's Print command to print this hand-over report or save it as PDF.

## Emails to people who signed (they act for themselves, not for a city)
mail-footer-note-signer = You receive this email because this address was used to sign a petition on our website. Please do not reply to this automatic message.
mail-footer-note-supporter = You receive this email because you signed this petition and asked to be kept informed. Please do not reply to this automatic message.
mail-supporter-open-petition = The petition
mail-supporter-why = You signed "{ $title }" and asked to be kept informed.
mail-supporter-unsubscribe = To receive no more updates about this petition: { $link }
mail-milestone-subject = { $count } signatures: { $title }
mail-milestone-body = "{ $title }" has reached { $count } signatures (goal: { $goal }). Thank you for signing, and for asking others to sign too.

## The petition form and its versions
petition-original-language = Language of the original
petition-original-language-hint = Title, summary and text below are the original. Add the other languages' versions on the petition's page; every version shares one counter.
petition-summary-field = Summary (optional, one or two sentences)
petition-language-translated = This petition has a translation in that language. Remove the translation first.
petition-version-is-original = This is the petition's original language: change it with the petition itself.
petition-versions = Languages
petition-versions-complete = The petition has a version in every language of the site.
petition-versions-missing = No version yet in:
petition-version-language = Language
petition-version-action = Action
petition-version-original = original
petition-version-edit = Edit translation
petition-version-missing = not translated
petition-version-add = Add translation
petition-version-title = { $language } version
petition-version-original-text = The original ({ $language })
petition-version-remove = Remove this translation
petition-version-remove-hint = Readers of this language will see the original again.
petition-version-saved = The translation is saved.
petition-version-removed = The translation is removed.

## Supporters and milestones (staff)
supporters-heading = Supporters
supporters-count = { $count ->
    [one] One supporter asked to be kept informed.
   *[other] { $count } supporters asked to be kept informed.
}
supporters-none = No one who signed and confirmed has asked to be kept informed yet: updates and milestone announcements become possible once someone does.
supporter-update-hint = Write the update in one or more languages. Each supporter receives the version in the language they signed in, else the one in the petition's original language; every message can be stopped with one click.
supporter-update-subject = Subject
supporter-update-body = Text (a blank line starts a new paragraph)
supporter-update-send = { $count ->
    [one] Send to one supporter
   *[other] Send to { $count } supporters
}
supporter-update-sent = { $count ->
    [one] The update goes to one supporter.
   *[other] The update goes to { $count } supporters.
}
supporter-update-incomplete = Each language you write in needs both a subject and a text.
supporter-update-empty = Write the update in at least one language.
supporter-update-nobody = No supporter asked to be kept informed: nothing was sent.
supporter-updates-sent = Updates sent
supporter-updates-none = No update sent yet. Write one above, or announce a milestone.
milestones-none = No milestone reached yet. The recount records each one (a share of the goal, or every so many signatures) when the count crosses it.
milestone-announce = { $count ->
    [one] Announce to one supporter
   *[other] Announce to { $count } supporters
}
milestone-announced = announced { $time }
milestone-already-announced = This milestone was announced already.

## Unsubscribing from a petition's updates
supporter-unsubscribe-title = Petition updates
supporter-unsubscribe-text = Stop receiving updates about "{ $title }"? Your signature still counts.
supporter-unsubscribe-button = Stop the updates
supporter-unsubscribed = You will receive no more updates about "{ $title }". Your signature still counts.

## Audit log
audit-action-petition-translate = Changed a petition's translation
audit-action-petition-supporter-update = Wrote to a petition's supporters
audit-action-petition-supporter-unsubscribe = A supporter stopped a petition's updates
audit-entity-petition-submission = Petition signature
