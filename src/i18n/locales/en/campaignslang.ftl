## Campaigns in several languages (issue #19 item 2) and the confirmation before sending
campaign-status-sent = Sent
campaign-list-empty = No campaign yet. Write one with “New campaign”.
campaign-language = Language of this text
campaign-language-hint = Cities get the version in their own language; those without one get this text. Add the other languages on the campaign's page.
campaign-language-has-version = The campaign already has a version in this language. Remove that version first, or choose another language.
campaign-versions = Versions by language
campaign-versions-hint = Each city receives the version in its own language, or the default ({ $language }) when there is none.
campaign-version-language = Cities' language
campaign-version-cities = Cities
campaign-version-gets = Version they get
campaign-version-actions = Actions
campaign-version-city-count = { $count ->
    [one] 1 city
   *[other] { $count } cities
}
campaign-version-default = The default version
campaign-version-own = Its own version
campaign-version-missing = No version yet: they get the default ({ $language })
campaign-version-edit = Edit this version
campaign-version-write = Write this version
campaign-version-test-send = Send a test of this version to myself
campaign-version-others = { $count ->
    [one] 1 city writes in a language that is not installed: it gets the default version.
   *[other] { $count } cities write in languages that are not installed: they get the default version.
}
campaign-version-add = Add a version in:
campaign-version-placeholder-broken = A placeholder is broken in one of the versions (marked in the table of versions): the campaign cannot be sent until it is fixed.
campaign-version-is-default = This is the campaign's own language: edit the campaign itself.
campaign-version-title = Version in { $language }
campaign-version-original = The default version ({ $language })
campaign-version-saved = The version was saved.
campaign-version-remove = Remove this version
campaign-version-remove-hint = Without it, the cities of this language get the default version ({ $language }).
campaign-version-removed = The version was removed; its cities get the default version.
campaign-confirm-title = Send the campaign?
campaign-confirm-send = { $count ->
    [one] Send to 1 city
   *[other] Send to { $count } cities
} { $languages ->
    [one] in 1 language
   *[other] in { $languages } languages
}
campaign-confirm-share = { $language }: { $count ->
    [one] 1 city gets
   *[other] { $count } cities get
} the version in { $version }
campaign-confirm-approval = This is more than the approval threshold: a second admin must approve it before anything goes out.
campaign-confirm-final = Once sent, a message cannot be taken back; you can pause or cancel what has not gone out yet.
campaign-confirm-back = Back to the campaign

## Texts in the reader's language (issue #19 item 5)
exh-home-location = Hiroshima Peace Culture Foundation
