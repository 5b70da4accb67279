# Issue #17, items 2-4: roles, the certificate, loan windows that follow the dates.

role-clash-president = { $city } is president from { $from } to { $to }: two presidents' terms cannot overlap. End that term first, or choose other dates.
role-clash-president-short = Another president's term overlaps these dates.
role-open-end = no end date
role-region-unknown = “{ $code }” is not a country or region the association knows. Use the codes on the Countries page, separated by commas (for example JP, KR).
role-regions-lead-only = Only a lead city names the countries or regions it leads.
role-city-withdrawn = This city has withdrawn: it can hold no role after its withdrawal.
role-changed = The role is changed.
role-change = Change the term
role-save = Save the term
role-regions = Countries or regions it leads
role-regions-hint = Lead cities only: country codes separated by commas, for example JP, KR.
role-leads = leads
officers-leads = Leads
audit-action-member-role-edit = Changed a city's role

certificate-withdrawn = Withdrawn on { $date }: this certificate is no longer valid.
certificate-withdrawn-undated = Withdrawn: this certificate is no longer valid.
certificate-staff-note = Shown to the secretariat and to the city's own users only; printed in the city's language ({ $language }).

exh-dates-title = Move the dates
exh-dates-hint = The booked poster set's loan window moves with the dates; a clash with another loan is refused and nothing changes.
exh-dates-save = Move the dates
exh-dates-saved = The dates are moved; the poster set's loan follows them.
exh-error-dates-locked = The poster set has left already: the dates can no longer be moved.
exh-loan-follows-dates = The poster set booked for this exhibition follows its dates: if the new dates clash with another loan of the set, the change is refused.
exh-loan-language-booked = The poster set booked for this exhibition is in another language. Please ask the secretariat to release it first; nothing was changed.
