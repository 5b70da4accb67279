# Navigation, states and phones (issue #18 items 5 and 6).
nav-staff-petitions = Petitions
navphone-pending-users = Invited, not yet accepted
navphone-invitation-expires = the link is valid until { $date }
navphone-pending-sisters = Sister cities invited, not yet applied
navphone-invited-on = invited on { $date }
navphone-confirm-needs = Confirming this loan books a poster set from { $from } to { $to } (the exhibition's dates with the shipping days) and tells the city that its exhibition is confirmed.
navphone-confirm-sets = Sets in { $language }
navphone-set-free = { $code }: { $panels ->
    [one] { $panels } panel
   *[other] { $panels } panels
}, free for these dates
navphone-set-away = { $code }: away for “{ $title }” from { $from } to { $to }
navphone-confirm-book = Book this set and confirm
navphone-confirm-no-set = No set in this language is free for these dates, so the loan cannot be confirmed yet: book a set in another language above, move the dates, or decline.
navphone-calendar-loan = Set { $code } away: { $title }
navphone-calendar-show-loans = Show loan periods
navphone-calendar-hide-loans = Hide loan periods
navphone-calendar-empty = No exhibition is on this month. Go to another month, or register an exhibition.
navphone-empty-petitions = No petitions yet. Start one with “{ petition-new }” above; it opens for signing on its first day.
navphone-empty-letters = No letters yet. Write the first one with “{ letter-new }” above.
navphone-empty-sets = No poster sets yet. Add the first one with the form below; staff can then lend it for exhibitions.
navphone-empty-library = No poster files yet. Upload a PDF or ZIP with the form below so that member cities can download it.
navphone-empty-blocklist = No domain is blocked. Add one above when signatures from a throwaway address service pile up.
navphone-empty-exhibitions = No exhibition has this status. Choose another status, or register an exhibition with the link above.
navphone-empty-dues = No member city matches. Clear the search, or choose another status or year.
