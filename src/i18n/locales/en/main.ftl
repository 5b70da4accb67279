# English. Every key here must exist in every other language file (a test checks).
# To add a language, copy this file to locales/<tag>/main.ftl and translate it.

language-name = English
app-name = Solidarity

## Formats: how this language writes numbers, dates and money
format-number-group-separator = ,
format-decimal-separator = .
format-date = { $day } { $monthname } { $year }
format-month = { $monthname } { $year }
format-money-jpy = ¥{ $amount }
format-money-other = { $currency } { $amount }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Layout
nav-skip = Skip to content
nav-label = Main
nav-staff-label = Secretariat
nav-city-label = Our city
nav-dashboard = Dashboard
nav-users = Users
nav-audit = Audit log
nav-login = Log in
nav-logout = Log out
language-switch = Language:
footer-text = Solidarity · the secretariat's system of an association of cities working for peace and the abolition of nuclear weapons.
pagination-label = Pages
pagination-previous = Previous
pagination-next = Next
pagination-page = Page { $page }
filter-any = Any
filter-from = From
filter-to = To
filter-apply = Filter

## Form fields and errors
field-email = Email address
field-password = Password
field-new-password = New password
field-password-confirm = New password again
field-current-password = Current password
field-display-name = Name
field-role = Role
error-required = Please fill in this field.
error-too-long = This is too long.
error-control-characters = Please use one line of plain text.
error-email-invalid = Please enter an email address such as name@example.org.
error-email-taken = An account with this email address exists already.
error-password-short = Use at least 10 characters.
error-password-mismatch = The two passwords differ.
error-password-wrong = This is not your current password.
error-choose-option = Please choose one of the options.
error-bad-form = The form could not be read. Please go back and try again.
error-language-unknown = This language is not available.

## Error pages
error-400-title = Bad request
error-403-title = Not allowed
error-404-title = Page not found
error-405-title = Page not found
error-410-title = Link no longer valid
error-413-title = Too large
error-429-title = Too many requests
error-500-title = Something went wrong
error-other-title = Error
error-not-found-text = There is no page at this address.
error-forbidden-text = Your account may not open this page.
error-csrf-text = The form had expired or did not come from this site. Go back, reload the page and send it again.
error-too-many-text = Too many requests in a short time. Please wait a moment and try again.
error-too-large-text = What you sent is too large.
error-internal-text = The server could not complete the request. Nothing you sent was lost on your side; please try again. If it goes on, tell the secretariat the time it happened.
error-status = Status { $status }
error-back-home = Back to the home page

## Roles
role-admin = Admin
role-staff = Secretariat staff
role-city = Member city

## Login
login-title = Log in
login-submit = Log in
login-failed = The email address or password is wrong.
login-locked = { $minutes ->
    [one] Too many failed attempts. Try again in { $minutes } minute.
   *[other] Too many failed attempts. Try again in { $minutes } minutes.
}

## First-run setup
setup-title = Create the first admin account
setup-intro = Nobody can log in yet. The account you create here manages staff accounts and settings. This link works once.
setup-submit = Create the admin account
setup-done = Your admin account is ready. Welcome to Solidarity.
setup-link-gone = This setup link has been used or has expired. Ask an admin to invite you, or restart the server for a new link if no admin exists.

## Accounts and invitations
users-title = Users
users-accounts = Accounts
users-last-login = Last login
users-never = never
users-status = Status
users-active = active
users-inactive = deactivated
users-deactivate = Deactivate
users-reactivate = Reactivate
users-deactivated = { $email } is deactivated and logged out.
users-reactivated = { $email } can log in again.
users-cannot-deactivate-self = You cannot deactivate your own account.
users-open-invitations = Open invitations
users-no-invitations = No open invitations. Invite a member of the secretariat with the form below.
users-invitation-expires = expires { $date }
users-invite = Invite a staff member
users-invite-submit = Create invitation
invite-link-gone = This invitation has been used or has expired. Ask an admin for a new one.
invite-accept-title = Join the secretariat
invite-accept-intro = You have been invited with the address { $email }. Choose your name and a password.
invite-accept-submit = Create my account
invite-welcome = Welcome, { $name }. Your account is ready.

## My account
account-title = My account
account-language = Language
account-language-hint = Change the language with the switcher at the bottom of any page; emails to you use it too.
password-title = Change password
password-submit = Change password
password-hint = At least 10 characters; a few unrelated words make a good password.
password-other-sessions = Changing it logs you out everywhere else.
password-changed = Your password is changed. Other sessions have been logged out.

## Audit log
audit-title = Audit log
audit-when = When
audit-actor = Who
audit-action = Action
audit-record = Record
audit-entity-type = Kind of record
audit-entity-id = Record number
audit-summary = Change
audit-ip = Address
audit-system = system
audit-count = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}

## Home page
home-title = Cities for a world without nuclear weapons
home-lead = { $cities ->
    [0] An association of cities and regions, founded by Hiroshima and Nagasaki in 1982, working for the total abolition of nuclear weapons and for lasting peace.
    [one] An association of one city, founded by Hiroshima and Nagasaki in 1982, working for the total abolition of nuclear weapons and for lasting peace.
   *[other] An association of { $cities } cities in { $countries ->
        [one] one country or region
       *[other] { $countries } countries and regions
    }, founded by Hiroshima and Nagasaki in 1982, working for the total abolition of nuclear weapons and for lasting peace.
  }
home-about-heading = Who we are
home-about = The mayor of Hiroshima proposed at the 2nd UN Special Session on Disarmament in 1982 that cities worldwide unite for the abolition of nuclear weapons. The association has held Special Consultative Status with the UN Economic and Social Council since 1991.
home-figures = Member cities by continent today: { $continents }.
home-join-heading = How a city joins
home-join = Any city or region can join: the mayor sends the application form, the secretariat reviews it and registers new members once a month, and membership starts on the 1st of the following month.
home-dues = Members are asked for a voluntary annual contribution of ¥2,000. A city that does not pay remains a member.
home-act-heading = What members do
home-act-petitions = Sign and collect signatures for petitions for a ban on nuclear weapons.
home-act-exhibition = Hold the A-bomb Poster Exhibition with materials from Hiroshima and Nagasaki.
home-act-sister-cities = Invite sister cities that are not yet members to join.

## Staff dashboard
dashboard-title = Dashboard
dashboard-welcome = Welcome, { $name }.
dashboard-accounts = Accounts
dashboard-account = Your account

## Email
mail-footer-name = Mayors for Peace · Secretariat
mail-footer-note = You receive this email because of your city's membership or an action you took on our website. Please do not reply to this automatic message.
mail-greeting = Dear { $name },
mail-invite-subject = Your invitation to the secretariat's system
mail-invite-body = { $inviter } has invited you to Solidarity, the secretariat's system, as { $role }.
mail-invite-action = Choose your password
mail-invite-expiry = The link works once, for 7 days.
invite-created = The invitation to { $email } is on its way by email.

## Outbox
nav-outbox = Outbox
outbox-title = Outbox
outbox-counts = Messages by status
outbox-status = Status
outbox-recipient = Recipient
outbox-subject = Subject
outbox-created = Queued
outbox-attempts = Attempts
outbox-last-error = Last error
outbox-actions = Actions
outbox-retry = Retry
outbox-cancel = Cancel
outbox-retried = The message is queued again.
outbox-cancelled = The message is cancelled.
outbox-not-changed = The message's status had changed; nothing was done.
outbox-next-attempt = next attempt { $time }
outbox-status-queued = queued
outbox-status-sending = sending
outbox-status-sent = sent
outbox-status-failed = failed
outbox-status-cancelled = cancelled
outbox-count = { $count ->
    [one] { $count } message
   *[other] { $count } messages
}
dashboard-mail = Email
dashboard-mail-failed = { $count ->
    [one] { $count } message could not be delivered.
   *[other] { $count } messages could not be delivered.
}
dashboard-mail-queued = Waiting to be sent: { $count }
dashboard-exhibitions-requested = { $count ->
    [0] No exhibition awaits confirmation
    [one] One exhibition awaits confirmation
   *[other] { $count } exhibitions await confirmation
  }
dashboard-exhibitions-on-display = { $count ->
    [0] None on display now
    [one] One on display now
   *[other] { $count } on display now
  }
dashboard-letters-draft = { $count ->
    [0] No draft letter
    [one] One draft letter
   *[other] { $count } draft letters
  }
dashboard-letters-final = { $count ->
    [0] No final letter waiting to be sent
    [one] One final letter waiting to be sent
   *[other] { $count } final letters waiting to be sent
  }
dashboard-campaigns-awaiting = { $count ->
    [0] No campaign awaits a second admin
    [one] One campaign awaits a second admin's approval
   *[other] { $count } campaigns await a second admin's approval
  }
dashboard-campaigns-sending = { $count ->
    [0] None sending now
    [one] One sending now
   *[other] { $count } sending now
  }

## Shared
save = Save
field-choose = Choose…
form-has-errors = Some fields need your attention; they are marked below.
error-choose-country = Please choose a country or region.
error-latin-letters = Please write the name in Latin letters here; the name in its own script has its own field.
error-letter-not-pdf = The letter must be a PDF file.
error-letter-too-large = The letter is too large (5 MB at most).
error-phone-invalid = Please enter a telephone number, e.g. +81 82 242 7831.
error-population-invalid = Please enter the population as a whole number.
error-website-invalid = Please enter a web address such as https://www.city.example.
error-date-order = The end date is before the start date.

## Continents (Table 4)
continent-asia = Asia
continent-oceania = Oceania
continent-africa = Africa
continent-europe = Europe
continent-north-america = North America
continent-latin-america = Latin America and the Caribbean
field-continent = Continent

## Navigation
nav-join = Join
nav-members = Members
nav-officers = Officers
nav-applications = Applications
nav-directory = Directory
nav-my-city = My city

## Application form
join-title = Apply for membership
join-intro = A city or region joins by sending this form on behalf of its mayor. The secretariat reviews it, registers new members once a month, and membership starts on the 1st of the following month.
join-section-city = The city
join-section-mayor = The mayor
join-section-contact = Contact
join-section-message = Message and letter of intent
field-city-name-latin = Name of the city in Latin letters
field-city-name-native = Name of the city in its own script (optional)
field-country = Country or region
field-province = Province, state or prefecture (optional)
field-population = Population (optional)
field-website = Website (optional)
field-mayor-name = Mayor's name
field-mayor-title = Mayor's title
field-contact-name = Contact person
field-phone = Telephone (optional)
field-postal-address = Postal address
field-language = Language for our emails
field-message = Message (optional)
field-letter = Letter of intent, PDF (optional)
field-letter-hint = A PDF of at most { $size } MB.
honeypot-label = Leave this field empty
join-privacy = We use these details only to handle the membership of your city. The city's name, country and year of joining appear in the public member directory; contact details never do.
join-submit = Send the application
join-thanks = Thank you. Your application has been received.
join-received = Thank you. Your application has reference { $reference }. We have sent a confirmation by email.

## Application status (applicant)
join-status-title = Your application
application-reference = Reference
application-submitted-on = Received
application-received-on = received { $date }
application-status = Status
application-status-submitted = received, under review
application-status-info-requested = more information needed
application-status-approved = approved
application-status-rejected = not accepted
application-status-registered = registered as a member
join-status-submitted-text = The secretariat is reviewing your application. You will hear from us by email.
join-status-info-requested-text = The secretariat needs more information. Please answer below.
join-status-approved-text = Your application is approved. The city will be registered in the secretariat's next monthly registration, and membership starts on the 1st of the following month.
join-status-rejected-text = The secretariat could not accept this application. The reason is below.
join-status-registered-text = Your city is a member. Welcome!
join-status-keep-link = Keep this page's address: it is your private link to this application.
application-messages = Messages
application-message-you = You
application-message-applicant = Applicant
application-message-secretariat = Secretariat
join-reply-label = Your answer
join-reply-submit = Send the answer
join-reply-sent = Thank you. Your answer has been sent to the secretariat.
join-reply-not-expected = This application is not waiting for an answer.
application-duplicate-member = Our records show that { $city } is already a member (member number { $number }). The secretariat will look into your application and contact you.
application-duplicate-application = There is already an application for this city in progress ({ $reference }). The secretariat will look into both and contact you.

## Review (staff)
queue-title = Applications
queue-open = open (received or waiting for information)
queue-search = City name
queue-duplicates = Duplicates
queue-duplicates-only = flagged only
queue-count = { $count ->
    [one] { $count } application
   *[other] { $count } applications
}
application-duplicate-flag = Possible duplicate
application-see-member = See the member
application-see-other = See the other application
application-letter-download = Download the letter of intent (PDF)
application-decide = Decision
application-approve = Approve
application-approve-hint = Approved applications are registered in the monthly registration run (around day { $day }).
application-request-information = Ask for more information
application-question = Question to the applicant
application-reject = Reject
application-reason = Reason (sent to the applicant)
application-decision-note = Decision note
application-approved = The application is approved and waits for the registration run. The applicant has been told by email.
application-rejected = The application is rejected. The applicant has been told by email.
application-information-requested = The question has been emailed to the applicant.
application-not-changed = The application had changed meanwhile; nothing was done.
application-note-required = Please write the reason or the question: the applicant reads it.
application-waiting-registration = Approved; waiting for the monthly registration run.
application-member-page = The member's page

## Registration run
registration-title = Monthly registration
registration-day-text = This month's registration day: { $date }.
registration-starts-text = Cities registered now become members on { $date }.
registration-waiting = { $count ->
    [one] { $count } approved application waiting
   *[other] { $count } approved applications waiting
}
registration-none-waiting = No approved application is waiting.
registration-invite-contacts = Invite each contact person as the city's user
registration-run = Register them now (membership from { $date })
registration-done = { $count ->
    [one] { $count } city registered. Welcome emails are on their way.
   *[other] { $count } cities registered. Welcome emails are on their way.
}
registration-day-setting = Registration day
registration-day-label = Day of the month (1 to 28)
registration-day-saved = The registration day is saved.
registration-day-invalid = Please give a day from 1 to 28.

## Members
directory-title = Member cities
directory-search = Name
directory-sort = Order
directory-sort-name = by name
directory-sort-country = by country
directory-sort-joined = oldest members first
directory-sort-recent = newest members first
directory-city = City
directory-count = { $count ->
    [one] { $count } city
   *[other] { $count } cities
}
directory-export = Export as CSV
field-join-year = Year joined
field-city-role = Role
field-membership-status = Membership
membership-status-active = active
membership-status-withdrawn = withdrawn
member-number = Member number
member-joined = Member since
member-demo = demo data
member-application = Application { $reference }
member-users = City users
member-no-users = Nobody acts for this city yet. Invite its contact person with the form below.
member-invite-user = Invite as city user
member-roles = Roles
member-no-roles = No roles. Add one with the form below.
member-status-heading = Membership status
member-withdrawn-on = Withdrawn on
member-withdrawal-reason = Reason
member-withdrawal-reason-required = Please give the reason for the withdrawal.
member-dues-never-end = Unpaid dues never end a membership; withdraw only when the city asks to leave.
member-withdraw = Record withdrawal
member-reinstate = Reinstate
member-status-changed = The membership status is changed.
member-status-unchanged = The membership already had this status.
member-history = History
event-joined = joined
event-withdrawn = withdrew
event-reinstated = reinstated
event-other = change
precision-day = exact date
precision-month = month known
precision-year = year known
role-president = President
role-vice-president = Vice-president
role-executive = Executive city
role-lead = Lead city
role-current = current
role-starts-on = From
role-ends-on = Until
role-add = Add role
role-added = The role is added.
role-end = End
role-ended = The role's term is ended.
role-start-required = Please give the date the term starts.
officers-title = Officers
officers-intro = The president and vice-president cities, the executive cities and the lead cities. The mayor of each city acts for it.
officers-none = No officers are recorded.
officers-term = Term
import-title = Import a membership list

## Certificate
certificate-title = Membership certificate
certificate-heading = Certificate of Membership
certificate-text = is a member of the association, working with cities around the world for the total abolition of nuclear weapons and lasting world peace.
certificate-since = Member since
certificate-signature = The Mayor of Hiroshima, President
certificate-print-hint = Use your browser's Print command to print or save this certificate as PDF.

## City account
city-edit-contact = Edit contact details
city-contact-saved = Your city's contact details are saved.
city-invite-invalid = Please give the person's email address and name.

## Membership emails
mail-application-received-subject = Application received: { $city } ({ $reference })
mail-application-received-body = Thank you for the application of { $city } to join the association.
mail-application-next-steps = The secretariat reviews each application and registers new members once a month; membership starts on the 1st of the following month. You can follow your application at any time through the link below.
mail-application-status-action = Your application
mail-application-reference = Reference: { $reference }
mail-application-info-subject = More information needed ({ $reference })
mail-application-info-body = Thank you for the application of { $city }. To complete our review, the secretariat asks:
mail-application-reply-action = Answer here
mail-application-approved-subject = Application approved: { $city }
mail-application-approved-body = We are glad to tell you that the application of { $city } has been approved.
mail-application-approved-when = The secretariat registers new members around day { $day } of each month; your membership starts on the 1st of the month after registration, and we will send you the membership certificate then.
mail-application-rejected-subject = About your application ({ $reference })
mail-application-rejected-body = Thank you for the interest of { $city } in the association. The secretariat could not accept the application, for this reason:
mail-welcome-subject = Welcome to Mayors for Peace: { $city }
mail-welcome-body = { $city } is now a member of Mayors for Peace, from { $date }, with member number { $number }.
mail-welcome-activities = Members are encouraged to join the petitions for a ban on nuclear weapons, hold the A-bomb Poster Exhibition, attend the General Conference and invite their sister cities to join.
mail-welcome-certificate-action = Your membership certificate

## Statistics
nav-statistics = Statistics
statistics-title = Members in figures
statistics-intro = Active member cities by continent, counted as in the association's own statistics, and new members by the year they joined.
statistics-table-caption = Member cities and the countries and regions they are in, by continent
statistics-countries = Countries and regions
statistics-cities = Cities
statistics-total = Total
statistics-cities-by-continent = Member cities by continent
statistics-joins-by-year = New members by year of joining
statistics-no-members = No members yet.
dashboard-applications = Applications
dashboard-applications-open = { $count ->
    [one] { $count } application waits for review.
   *[other] { $count } applications wait for review.
}
dashboard-applications-approved = { $count ->
    [one] { $count } approved city waits for the registration run.
   *[other] { $count } approved cities wait for the registration run.
}

## Sister-city invitations
nav-invitations = Invite a sister city
sister-title = Invite a sister city
sister-intro = Invite a sister or partner city that is not yet a member. It receives an email with a link to the application form, already filled in with its name and country, and you can follow here whether it applied and became a member.
sister-city-name = City to invite
sister-email = Its email address
sister-language = Language of the invitation
sister-inviting-number = Inviting city's member number (optional)
sister-send = Send the invitation
sister-sent = The invitation is on its way.
sister-sent-heading = Invitations sent
sister-none = No invitations yet. Invite a sister city with the form above; its progress shows here.
sister-inviting-city = Invited by
sister-secretariat = the secretariat
sister-sent-on = Sent
sister-progress = Progress
sister-progress-invited = invited
sister-progress-applied = applied
sister-progress-member = member
error-member-number-unknown = No member city has this number.
mail-sister-subject = { $inviter } invites { $city } to join Mayors for Peace
mail-sister-greeting = To the Mayor of { $city },
mail-sister-body = { $inviter }, a member city of Mayors for Peace, invites your city to join the association of { $cities ->
    [one] one city
   *[other] { $cities } cities
  } working for a world without nuclear weapons.
mail-sister-action = Apply for membership

## Countries and regions (admin)
nav-countries = Countries
countries-title = Countries and regions
countries-intro = Every ISO 3166-1 country and territory, with the continent group used in the statistics, and the regions without an ISO code that the association counts.
countries-add = Add a region without an ISO code
countries-name-en = Name in English
countries-name-ja = Name in Japanese (optional)
countries-name-ko = Name in Korean (optional)
countries-code = Code
countries-no-iso = no ISO code
countries-added = The region is added.
countries-exists = A region with this name exists already.
countries-moved = The continent group is changed.
countries-add-invalid = Please give the region's English name and its continent.
home-today = Today: { $cities ->
    [one] one member city
   *[other] { $cities } member cities
  } in { $countries ->
    [one] one country or region
   *[other] { $countries } countries and regions
  }.

## Petitions
nav-petitions = Petitions
petitions-title = Petitions
petitions-intro = Sign the association's petitions for a world without nuclear weapons. Each signature is confirmed by email and counts once.
petitions-none = No petition is open at the moment. New petitions are announced on this page.
petition-addressee = To: { $addressee }
petition-signatures = { $count ->
    [one] { $count } signature
   *[other] { $count } signatures
}
petition-closes = closes { $date }
petition-status = Status
petition-status-draft = draft
petition-status-open = open for signing
petition-status-closed = closed
petition-count-heading = Signatures so far
petition-of-goal = of a goal of { $goal }
petition-progress = Progress toward the goal
petition-online-paper = { $online } online, { $paper } on paper
petition-counted-at = counted { $time }
petition-by-country = Signatures by country
petition-online = Online
petition-paper = On paper
petition-not-open = This petition is not open for signing.
petition-new = New petition
petition-edit = Edit petition
petition-title-field = Title
petition-slug = Address (letters, digits and hyphens, e.g. ban-nuclear-weapons)
petition-addressee-field = Addressed to
petition-body = Text (Markdown)
petition-body-hint = Markdown: **bold**, *italic*, [links](https://example.org), lists. HTML is shown as text.
petition-goal = Goal (signatures)
petition-opens = Opens on
petition-closes-field = Closes on
petition-retention = Days personal data is kept after closing
petition-dates = Dates
petition-saved = The petition is saved.
petition-public-page = Public page
error-slug-invalid = Use 3 to 80 lower-case letters, digits and hyphens.
error-slug-taken = Another petition has this address.
error-goal-invalid = Please give the goal as a whole number.
error-retention-invalid = Please give a number of days from 0 to 3650.
sign-heading = Sign this petition
sign-name = Name
sign-city = City (optional)
sign-collector = Also signing for others? (up to 9 more people)
sign-collector-hint = As on the paper form, you may enter family members or colleagues who asked you to sign for them. Your email address confirms all of them at once.
sign-other = Person { $number }
sign-consent = I agree that my name, country and city are kept for this petition as described in the privacy notice below.
sign-keep-informed = Keep me informed about the association's campaigns.
sign-privacy = We send one email to confirm your signature. Your email address is never shown; names are handed over with the petition; personal data is removed after the petition closes and its retention period ends, keeping only the country and the date.
sign-submit = Sign
error-consent-required = Please agree to the privacy notice to sign.
sign-blocked-domain = Signatures from this email domain are not accepted. Please use another address.
sign-sent = Thank you! Please open the link in the email we have just sent to confirm your signature. Until then it does not count.
sign-resent = You had already signed but not yet confirmed: we have sent the confirmation link again.
sign-pending = You have already signed; the confirmation email was sent a few minutes ago. Please look in your inbox (and spam folder).
sign-already = This email address has already signed and confirmed this petition. Thank you!
sign-back = Back to the petition
sign-verify-ask = Please confirm that you want to sign this petition.
sign-verify-button = Confirm my signature
sign-verify-until = This link works until { $time }.
sign-verify-expired = This confirmation link has expired. Please sign again to receive a new one.
sign-verify-done = This signature is confirmed already. Thank you!
sign-verify-withdrawn = This signature was withdrawn.
sign-verified = Thank you: your signature is confirmed and will appear in the count within moments.
sign-withdraw-ask = Do you want to withdraw this signature? It will no longer count.
sign-withdraw-button = Withdraw my signature
sign-withdraw-done = This signature has been withdrawn.
sign-withdrawn = Your signature is withdrawn.
mail-sign-greeting = Hello,
mail-sign-verify-subject = Please confirm your signature: { $title }
mail-sign-verify-body = Thank you for signing "{ $title }". Please confirm your signature with the button below; until then it does not count.
mail-sign-verify-collector = { $count ->
    [one] This confirms { $count } signature.
   *[other] This confirms { $count } signatures: yours and those you entered for others.
}
mail-sign-verify-ignore = If you did not sign, ignore this email and nothing will be counted.
mail-sign-verify-action = Confirm my signature
mail-sign-thanks-subject = Your signature counts: { $title }
mail-sign-thanks-body = Your signature on "{ $title }" is confirmed. Thank you for standing with the cities of the world for the abolition of nuclear weapons.
mail-sign-thanks-withdraw = Changed your mind? You can withdraw your signature at any time:
mail-sign-withdraw-action = Withdraw my signature
paper-heading = Paper signatures
paper-none = No paper signatures recorded yet. Enter a batch of signature sheets with the form below.
paper-record = Record paper signatures
paper-recorded = The paper signatures are recorded; they will appear in the count within moments.
paper-signatures = Number of signatures
paper-collected = Collected
paper-collected-from = Collected from
paper-collected-to = Collected until
paper-handed-over = Handed over on
paper-note = Note
paper-scan = scan
paper-scan-field = Scan of the sheets (PDF, JPEG or PNG, optional)
error-count-invalid = Please give the number as a whole number.
error-scan-too-large = The scan is too large (8 MB at most).
error-scan-type = The scan must be a PDF, JPEG or PNG file.
petitions-manage = Manage petitions and paper signatures
## CSV import and export
import-intro = Bring in the member cities of an existing list: a CSV file with a header row, in UTF-8 or in the encoding Excel uses for plain "CSV" (Shift_JIS, EUC-KR, Western), which is detected. The directory's CSV export has the same columns, so an exported file imports again as it is.
import-columns = Columns (* required):
import-columns-hint = Join dates are written 2019-07-01, 2019-07 or 2019, which also says how precisely the date is known. Rows without a member number get the next free numbers. status is active or withdrawn (active when empty); language is en, ja or ko (en when empty).
import-file = CSV file
import-file-hint = At most { $size } MB.
import-all-or-nothing = If any row has a problem, nothing is imported: correct the file and upload it again.
import-dry-run = Check only
import-submit = Import
import-ready = { $count ->
    [one] The row is ready to import.
   *[other] All { $count } rows are ready to import.
}
import-dry-run-nothing-written = This was a check only: nothing has been written.
import-problem-rows = { $count ->
    [one] One row has a problem.
   *[other] { $count } rows have problems.
}
import-good-rows = { $count ->
    [one] One other row is good.
   *[other] { $count } other rows are good.
}
import-nothing-written = Nothing has been imported.
import-line = Line
import-column = Column
import-problem = Problem
import-done = { $count ->
    [one] One member city was imported.
   *[other] { $count } member cities were imported.
}
import-error-no-file = Please choose a CSV file.
import-error-too-large = The file is too large; please split it into smaller files.
import-error-not-text = The file is not text. Export it from your spreadsheet as CSV (UTF-8 is best) and upload it again.
import-error-empty = The file is empty.
import-error-no-rows = The file has a header row but no member cities.
import-error-unreadable = This line could not be read as CSV.
import-error-field-count = This line has a different number of cells than the header row.
import-error-unknown-column = There is no column of this name.
import-error-repeated-column = This column appears twice in the header row.
import-error-missing-column = This required column is missing from the header row.
import-error-member-number = Please write the member number as a whole number from 1, or leave it empty.
import-error-member-number-taken = A member city has this number already.
import-error-member-number-repeated = An earlier row of the file has this member number too.
import-error-country = There is no country or region with this code. Use codes such as JP or BE, as in the directory's export.
import-error-join-date = Please write the date as 2019-07-01, 2019-07 or 2019.
import-error-precision = Please write day, month or year.
import-error-precision-mismatch = This does not match how join_date is written (2019-07-01: day, 2019-07: month, 2019: year).
import-error-status = Please write active or withdrawn.
import-error-language = Please write en, ja or ko.
import-error-date = Please write the date as 2019-07-01.
import-error-not-withdrawn = Only a withdrawn member has a withdrawal date or reason.

## Petition oversight
report-title = Hand-over report
report-date = Report of { $date }
report-totals = Signatures
export-signatures = Signatures (CSV)
export-countries = Counts by country (CSV)
bursts-title = Bursts
bursts-intro = { $threshold ->
    [one] Addresses and email domains with at least { $threshold } live submission in the window.
   *[other] Addresses and email domains with at least { $threshold } live submissions in the window.
}
bursts-window = Window (minutes)
bursts-by-ip = By IP address
bursts-by-domain = By email domain
bursts-none = No burst in this window.
bursts-invalidate = Invalidate these submissions
bursts-invalidated = { $count ->
    [one] { $count } submission invalidated.
   *[other] { $count } submissions invalidated.
}
blocklist-title = Blocked email domains
blocklist-intro = Signatures with an address at these domains are refused (disposable-address services, domains used in an attack).
blocklist-domain = Domain
blocklist-reason = Reason
blocklist-add = Block
blocklist-remove = Unblock
blocklist-added = The domain is blocked.
blocklist-removed = The domain is unblocked.
blocklist-exists = The domain was blocked already.
blocklist-invalid = Please give a domain such as example.org.
## Dues
nav-dues = Dues
nav-city-dues = Contributions
dues-title = Voluntary dues
dues-city-title = Voluntary contributions
dues-fiscal-year = FY{ $year }
dues-fiscal-year-period = { $start } – { $end }
dues-voluntary-note = The annual contribution is voluntary. A city that does not contribute remains a member with every right; nothing here changes a membership.
dues-fee-of-year = Contribution asked: { $fee }
dues-fee = Contribution asked
dues-paid = Received
dues-status-paid = Paid
dues-status-partly-paid = Partly paid
dues-status-unpaid = Unpaid
dues-status-waived = Waived
dues-kind-payment = Payment
dues-kind-waiver = Waiver
dues-kind-reversal = Reversal
dues-method-bank-transfer = Bank transfer
dues-method-card = Card
dues-method-cash = Cash
dues-method-other = Other
dues-record-payment = Record a payment
dues-summary-expected = { $count ->
    [one] { $number } member city asked
   *[other] { $number } member cities asked
}
dues-summary-share = { $percent }% paid
dues-summary-allocated = { $amount } received for the year
dues-cities-listed = { $count ->
    [one] { $number } city
   *[other] { $number } cities
}
dues-field-year = Fiscal year
dues-field-status = Status
dues-field-date = Date
dues-field-kind = Entry
dues-field-received-on = Date received
dues-field-amount = Amount
dues-field-currency = Currency
dues-field-rate = Exchange rate (yen per unit)
dues-field-rate-hint = Only for a currency other than yen: the rate the bank used, e.g. 150.25 yen to the dollar. The yen equivalent is worked out from it.
dues-field-method = Paid by
dues-field-reference = Reference
dues-field-years = Fiscal years covered
dues-field-years-hint = One year (2026), a run of years (2024-2026) or a list (2024, 2026). Each year is filled up to its contribution in order; anything left goes to the last year.
dues-field-note = Note
dues-yen-equivalent = Yen equivalent
dues-payment-recorded = Payment recorded with receipt { $number }.
dues-history-years = Contribution per fiscal year
dues-history-ledger = Ledger
dues-no-entries = Nothing recorded yet.
dues-entry-reversed = reversed
dues-reverse = Reverse
dues-reverse-reason = Reason for the reversal
dues-reverse-reason-required = Please give the reason for the reversal.
dues-reversed = The entry is reversed. The original stays in the ledger.
dues-reverse-refused-twice = This entry has been reversed already.
dues-reverse-refused-reversal = A reversal cannot itself be reversed; record the payment again instead.
dues-waive = Waive years
dues-waive-reason = Reason
dues-waiver-invalid = Please give the years to waive and the reason.
dues-waiver-recorded = Contribution waived for { $years }.
dues-receipt-title = Receipt { $number }
dues-receipt-heading = Receipt
dues-receipt-number = Receipt number
dues-receipt-from = Received from
dues-receipt-covers = Fiscal years covered
dues-receipt-text = Received with thanks as a voluntary contribution to the work of Mayors for Peace towards the total abolition of nuclear weapons.
dues-receipt-signature = Secretariat of Mayors for Peace, Hiroshima
dues-receipt-reversed = This payment was reversed on { $date }; the receipt is no longer valid.
dues-receipt-print-hint = Use your browser's Print command to print or save this receipt as PDF.
dues-receipt-email = Email the receipt to the city
dues-receipt-emailed = The receipt is on its way to { $email }.
dues-receipt-no-email = The city has no email address; add one to its contact details first.
dues-reminders-title = Reminders
dues-reminders-intro = Invite the cities that have not contributed for this year to do so. Each receives a friendly email in its own language; cities that opted out, or were reminded recently, are left out.
dues-reminders-interval = { $days ->
    [one] A city is reminded at most once a day.
   *[other] A city is reminded at most once in { $days } days.
}
dues-reminders-will-send = { $count ->
    [one] { $number } city will be reminded
   *[other] { $number } cities will be reminded
}
dues-reminders-opted-out = { $count ->
    [one] { $number } city has turned reminders off
   *[other] { $number } cities have turned reminders off
}
dues-reminders-recent = { $count ->
    [one] { $number } city was reminded recently
   *[other] { $number } cities were reminded recently
}
dues-reminders-no-email = { $count ->
    [one] { $number } city has no email address
   *[other] { $number } cities have no email address
}
dues-reminders-confirm = The emails go out through the outbox in the next minutes.
dues-reminders-send = { $count ->
    [one] Send { $number } reminder
   *[other] Send { $number } reminders
}
dues-reminders-sent = { $count ->
    [one] { $number } reminder queued.
   *[other] { $number } reminders queued.
}
dues-reminders-recipients = Cities to be reminded
dues-reminders-opted-out-heading = Reminders turned off
dues-reminders-no-email-heading = Without an email address
dues-reminders-on-staff = This city receives reminders.
dues-reminders-off-staff = This city does not want reminders.
dues-reminders-on-city = Your city receives a short reminder when a year's contribution has not arrived.
dues-reminders-off-city = Your city receives no reminders about contributions.
dues-reminders-turn-off = Turn reminders off
dues-reminders-turn-on = Turn reminders on
dues-reminders-turned-off = Reminders are turned off.
dues-reminders-turned-on = Reminders are turned on.
dues-last-reminded = Last reminded on { $date }.
dues-city-intro = Member cities are invited to contribute to the association's work each fiscal year. Here are your city's contributions and receipts.
dues-city-member-either-way = The contribution is voluntary: your city remains a member whether or not it contributes.
dues-city-reference = When you contribute by bank transfer, please quote your member number { $number } as the reference.
dues-report-title = Reports
dues-report-csv = Download as CSV
dues-report-share = { $expected ->
    [one] { $paid } of { $expected } city asked has paid
   *[other] { $paid } of { $expected } cities asked have paid
}
dues-report-received = Received during the fiscal year, by currency
dues-report-by-continent = By continent
dues-report-asked = Cities asked
dues-report-allocated = Received for the year
dues-report-chart = Share of cities that paid, by continent
dues-settings-title = Settings
dues-settings-fee = Contribution per fiscal year, in yen
dues-settings-fee-hint = Applies to the current and later fiscal years; earlier years keep the amount they had.
dues-settings-first-month = First month of the fiscal year
dues-settings-interval = Days between two reminders to the same city
dues-settings-saved = The dues settings are saved.
dues-settings-invalid = Please give a contribution in whole yen, a month, and a number of days between 1 and 3650.
dues-import-title = Import a bank statement
dues-import-intro = Upload the statement as a CSV file (UTF-8, or Shift_JIS as Japanese banks send it) with the columns date, amount, currency and reference or description. Each row is matched to a city by the member number in its text (5 digits, e.g. 00042), by a reference the city used before, or by the city's name. You then review the matches and post the rows you choose.
dues-import-file = Statement (CSV)
dues-import-upload = Upload and match
dues-import-recent = Recent statements
dues-import-uploaded = Uploaded
dues-import-rows = Rows
dues-import-posted-count = Posted
dues-import-unmatched = Without a city
dues-import-review = Review the matches
dues-import-review-intro = Ticked rows become payments with a receipt each. Correct a member number, or give one to a row without a city, before posting. Rows left unticked stay here.
dues-import-post = Post
dues-import-line = Line
dues-import-description = Bank text
dues-import-city = City
dues-import-no-match = no city found
dues-import-possible-duplicate = A payment with this date and amount is recorded already
dues-import-matched-number = member number
dues-import-matched-reference = earlier reference
dues-import-matched-name = name
dues-import-matched-staff = chosen by staff
dues-import-post-chosen = Post the ticked rows
dues-import-posted = { $count ->
    [one] { $number } payment posted.
   *[other] { $number } payments posted.
}
dues-import-stored = { $count ->
    [one] { $number } row read. Check the match below before posting.
   *[other] { $number } rows read. Check the matches below before posting.
}
dues-import-nothing-posted = No row was ticked; nothing was posted.
dues-import-line-refused = Line { $line } was not posted: { $reason }
dues-import-choose-city = give the city's member number
dues-import-no-file = Please choose the statement file.
dues-import-not-text = The file is not text. Save the statement as CSV (UTF-8 or Shift_JIS) and upload it again.
dues-import-unreadable = The file could not be read as CSV.
dues-import-too-many-rows = The file has more than 5,000 rows; please split it.
dues-import-empty = The file has no rows.
dues-import-problem-columns = This row lacks a column (date, amount, currency).
dues-import-problem-date = The date could not be read.
dues-import-problem-currency = The currency is not an ISO code such as JPY or USD.
dues-import-problem-amount = The amount could not be read (outgoing payments are not contributions).
error-currency-unknown = Please choose a currency such as JPY or USD.
error-amount-invalid = Please enter an amount such as 2,000 or 15.50.
error-amount-decimals = This currency has fewer decimal places.
error-amount-positive = The amount must be more than zero.
error-rate-required = Please give the exchange rate for this currency.
error-rate-invalid = Please enter the rate as a number of yen, e.g. 150.25.
error-fiscal-years-invalid = Please give fiscal years such as 2026 or 2024-2026.
error-date-invalid = Please enter a date such as 2026-11-25.
error-date-future = This date is in the future.
mail-dues-action = Your city's contributions
mail-dues-receipt-subject = Receipt { $number } for your voluntary contribution
mail-dues-receipt-body = Thank you: the secretariat has received { $city }'s voluntary contribution. This is your receipt.
mail-dues-receipt-number = Receipt number: { $number }
mail-dues-receipt-from = Received from: { $city } (member number { $number })
mail-dues-receipt-date = Date received: { $date }
mail-dues-receipt-amount = Amount: { $amount }
mail-dues-receipt-conversion = Exchange rate: { $rate } yen per unit, equivalent to { $yen }
mail-dues-receipt-keep = Please keep this email for your records. Signed-in city users can also print the receipt from the page above.
mail-dues-reminder-subject = { $year }: an invitation to contribute to Mayors for Peace ({ $city })
mail-dues-reminder-thanks = Thank you for { $city }'s membership of Mayors for Peace and for working with cities around the world for a world without nuclear weapons.
mail-dues-reminder-invitation = As every year, member cities are invited to make a voluntary contribution of { $fee } for { $year } ({ $period }). The contributions support the secretariat's work: the A-bomb poster exhibitions, the materials Hiroshima and Nagasaki provide, and the General Conference.
mail-dues-reminder-partly = We have already received { $paid } for this year, with thanks. A further { $rest } would complete the contribution if your city is able to give it.
mail-dues-reminder-voluntary = The contribution is voluntary: your city remains a full member of the association whether or not it contributes.
mail-dues-reminder-reference = If you contribute by bank transfer, please quote your member number { $number } as the reference.
mail-dues-reminder-opt-out = If your city would rather not receive these reminders, you can turn them off on the page above, or ask the secretariat to do so.
dues-reminders-more = … and { $number } more

## Exhibitions (A-bomb Poster Exhibition)
exh-nav-public = Exhibitions
exh-nav-staff = Exhibitions
exh-nav-city = Our exhibitions
exh-title = Exhibitions
exh-all = All exhibitions
exh-any-status = Any status
exh-filter = Filter
exh-new = Register an exhibition
exh-form-title = A-bomb Poster Exhibition
exh-save = Save
exh-saved = Your changes are saved.
exh-edit = Change the details
exh-registered = The exhibition is registered; the secretariat will confirm it.
exh-cancel = Cancel the exhibition
exh-cancelled = The exhibition is cancelled.
exh-holder = Held by
exh-non-member = not a member
exh-dates = Dates
exh-note = Note
exh-yes = Yes
exh-no = No
exh-photo = Photo of the exhibition
exh-visitors = Visitors
exh-year = Year
exh-field-title = Title
exh-field-venue = Venue
exh-field-address = Address
exh-field-starts-on = First day
exh-field-ends-on = Last day
exh-field-opens-at = Opens at (local time)
exh-field-closes-at = Closes at (local time)
exh-field-hours-hint = Opening hours are optional; give both or neither.
exh-field-time-zone = Time zone
exh-field-time-zone-hint = Zones of the country:
exh-field-expected-visitors = Expected visitors
exh-field-poster-language = Poster language
exh-field-format = Format
exh-field-publish = Publish this exhibition in the public list
exh-field-status = Status
exh-field-organisation = Organisation
exh-field-contact = Contact person
exh-field-email = Email address
exh-field-language = Language for our emails
exh-field-event-plan = Event plan
exh-format-print = Printed by the city from the digital poster data
exh-format-loan = Loan of a physical poster set
exh-status-requested = requested
exh-status-confirmed = confirmed
exh-status-shipped = shipped
exh-status-on-display = on display
exh-status-returned = returned
exh-status-finished = finished
exh-status-cancelled = cancelled
exh-status-declined = declined
exh-status-changed = The exhibition is now { $status }.
exh-workflow = Next step
exh-move-to = Mark as { $status }
exh-condition-note = Condition of the returned set
exh-decline-reason = Reason (sent to the applicant)
exh-set-status-in-service = in service
exh-set-status-under-repair = under repair
exh-set-status-retired = retired
exh-error-time = Please write the time as 10:00.
exh-error-hours-pair = Give both the opening and the closing time, or neither.
exh-error-closes-before-opens = The closing time is before the opening time.
exh-error-time-zone = This is not a known time zone (e.g. Asia/Tokyo).
exh-error-too-long = An exhibition lasts at most a year.
exh-error-visitors = Please give a whole number of visitors.
exh-error-step = This step is not possible from the exhibition's current status.
exh-error-changed = Someone else changed this exhibition meanwhile; please look again.
exh-error-book-first = Book a poster set first.
exh-error-condition-required = Please note the condition of the returned set.
exh-error-not-editable = The exhibition is confirmed: please ask the secretariat for changes.
exh-error-not-held = A report can be written once the exhibition has opened.
exh-error-photo-size = The photo is too large.
exh-error-photo-type = Photos must be JPEG, PNG or WebP images.
exh-error-file-type = Poster data must be a PDF or ZIP file.
exh-error-file-size = The file is too large.
exh-error-panels = Please give the number of panels (1 to 500).
exh-error-code-taken = Another set has this code.
exh-error-buffer = Buffers are whole numbers of days from 0 to 120.
exh-loan-title = Poster set
exh-loan-period = The set is away from { $from } to { $to }
exh-loan-buffers = (shipping buffers: { $before ->
    [one] { $before } day
   *[other] { $before } days
} before, { $after ->
    [one] { $after } day
   *[other] { $after } days
} after).
exh-loan-booked = Set { $code } is booked from { $from }
exh-loan-until = until { $to }.
exh-loan-clash = Set { $code } is already lent for “{ $title }” from { $from } to { $to } (shipping buffers included).
exh-loan-set-unavailable = This set is not in service.
exh-loan-already-booked = This exhibition already has a set.
exh-loan-not-a-loan = This exhibition prints its own posters.
exh-choose-set = Poster set
exh-sets-free = Free for these dates in this language
exh-sets-other = Other sets
exh-no-free-set = No set in this language is free for these dates.
exh-book = Book the set
exh-set-booked = Set { $code } is booked.
exh-release-set = Release the set
exh-set-released = The set is released.
exh-sets-title = Poster sets
exh-set-add = Add a set
exh-set-added = The set is added.
exh-set-saved = The set is saved.
exh-set-edit = Change the set
exh-set-code = Set code
exh-set-size = Size
exh-set-panels = Panels
exh-set-condition = Condition
exh-set-location = Where it is now
exh-set-loans = Loans
exh-set-no-loans = This set has not been lent yet.
exh-settings-title = Shipping buffers
exh-settings-intro = Days a lent set is away before the opening and after the closing, by the venue's continent.
exh-settings-saved = The buffers are saved.
exh-buffer-before = Days before
exh-buffer-after = Days after
exh-month-previous = Previous month
exh-month-next = Next month
exh-weekday-1 = Mon
exh-weekday-2 = Tue
exh-weekday-3 = Wed
exh-weekday-4 = Thu
exh-weekday-5 = Fri
exh-weekday-6 = Sat
exh-weekday-7 = Sun
exh-city-title = Our exhibitions
exh-none-yet = Your city has not registered an exhibition yet. Register one with “{ exh-new }” above.
exh-feed-title = Calendar feed (iCalendar)
exh-city-feed-intro = Add this private address to your calendar app to see your city's exhibitions. Keep it to yourselves.
exh-feed-name = A-bomb Poster Exhibitions
exh-feed-city-name = A-bomb Poster Exhibitions: { $city }
exh-report-title = Report
exh-report-visitors = { $count ->
    [one] { $count } visitor.
   *[other] { $count } visitors.
}
exh-report-visitors-field = Actual number of visitors
exh-report-comments = Comments
exh-report-photo = Photo (optional)
exh-report-photo-hint = JPEG, PNG or WebP, up to { $size } MB.
exh-report-save = Save the report
exh-report-saved = Thank you: the report is saved.
exh-upcoming-title = A-bomb Poster Exhibitions
exh-upcoming-intro = Upcoming exhibitions of the posters on the atomic bombings of Hiroshima and Nagasaki.
exh-upcoming-none = No exhibition is announced at the moment.
exh-apply-title = Apply to hold an exhibition
exh-apply-intro = Organisations whose city is not a member may apply with an event plan; the secretariat will reply by email.
exh-apply-submit = Send the application
exh-applied = Thank you: your application is received.
exh-statistics-title = Exhibition statistics
exh-statistics-intro = Exhibitions held, by the year they opened and by continent, with the visitors reported.
exh-statistics-by-year = By year
exh-statistics-by-continent = By continent
exh-library-title = Poster library
exh-library-intro = Download the digital poster data to print your own exhibition.
exh-library-empty = No poster data is available yet. The secretariat adds files here; write to it if you need one now.
exh-file = File
exh-file-hint = PDF or ZIP, up to { $size } MB.
exh-file-upload = Upload poster data
exh-file-uploaded = The file is uploaded.
exh-mail-subject = A-bomb Poster Exhibition “{ $title }”: { $status }
exh-mail-requested = We have received your exhibition “{ $title }” at { $venue }, { $start } to { $end }. The secretariat will confirm it soon.
exh-mail-confirmed = Your exhibition “{ $title }” at { $venue }, { $start } to { $end }, is confirmed.
exh-mail-shipped = The poster set for “{ $title }” has been shipped to { $venue }.
exh-mail-on-display = “{ $title }” is now on display at { $venue }. Thank you for holding it; please send us a report with the number of visitors afterwards.
exh-mail-returned = The poster set of “{ $title }” is back with us. Thank you.
exh-mail-finished = “{ $title }” has closed. Thank you for holding it; please send us a report with the number of visitors.
exh-mail-cancelled = The exhibition “{ $title }” ({ $start } to { $end }) is cancelled.
exh-mail-declined = We are sorry: we cannot support the exhibition “{ $title }” ({ $start } to { $end }).
exh-mail-note = Note: { $note }
exh-mail-action = Open the exhibition
exh-mail-reference = Exhibition number { $number }.
## Letters of protest, statements, resolutions and appeals
letter-nav-archive = Letters
letter-nav-staff = Letters
letter-staff-title = Letters and statements
letter-archive-title = Letters of protest, statements, resolutions and appeals
letter-archive-intro = What the association has issued, newest first. Letters of protest carry their number for the addressee state.
letter-archive-empty = Nothing has been issued from this system yet.
letter-counts-title = Letters of protest by addressee state
letter-count-historical = Before this system
letter-count-system = Sent from this system
letter-count-total = In total
letter-tally-source = Count until { $year }. Source:
letter-year = Year
letter-filter = Show
letter-number-n = no. { $count }
letter-new = New letter
letter-edit = Edit
letter-kind = Kind
letter-kind-letter = Letter of protest
letter-kind-statement = Statement
letter-kind-resolution = Resolution
letter-kind-appeal = Appeal
letter-status = Status
letter-status-draft = Draft
letter-status-final = Final
letter-status-sent = Sent
letter-version = Version
letter-version-n = Version { $version }
letter-subject = Subject
letter-target-country = Addressee state
letter-occasion = Occasion (e.g. the nuclear test it protests)
letter-occasion-on = Date of the occasion
letter-addressee-name = Addressee
letter-addressee-title = Addressee's title
letter-addressee-emails = Addresses to send to (one a line, e.g. the embassy)
letter-body = Text
letter-body-hint = Markdown: **bold**, *italic*, lists, links. Raw HTML is shown as text.
letter-signatories = Signatories (one a line)
letter-signatory-line = { $mayorof }, { $role } of Mayors for Peace
letter-language = Language of the letter
letter-rule = Approval rule
letter-rule-president-and-majority = The president and a majority of the vice-presidents approve
letter-rule-majority = A majority of the officers approve
letter-rule-all = Every officer approves
letter-rule-deadline = No officer asks for changes before the deadline
letter-deadline = Review deadline
letter-deadline-on = deadline { $date }
letter-saved = The letter was saved.
letter-saved-version = The letter was saved as version { $version }.
letter-not-editable = This letter is final or sent and can no longer change.
letter-not-final = Only a final letter can be sent.
letter-history = History and differences
letter-back = Back to the letter
letter-saved-at = Saved
letter-compare-from = Compare version
letter-compare-to = with version
letter-compare = Compare
letter-diff-title = Changes from version { $from } to version { $to }
letter-print = Printable page
letter-review-title = Officers' review
letter-officer = Officer
letter-answer = Answer
letter-comment = Comment
letter-answer-approve = Approved
letter-answer-comment = Asked for changes
letter-answer-waiting = No answer yet
letter-circulate = Send this version to the officers
letter-mark-final = Mark final
letter-rule-not-met = The approval rule is not met yet.
letter-finalised = The letter is final.
letter-send = Send the letter
letter-earlier-answers = Answers to earlier versions
letter-deliveries = Delivery
letter-recipient = Recipient
letter-cc = In copy
letter-heading-count = To { $state } / { $count } in total
letter-review-page-title = Review of a draft letter
letter-review-superseded = This draft has changed since this link was sent, or has been finalised: this link is for an earlier version, and answers are no longer taken on it.
letter-review-answered = Your answer: { $answer }. Thank you.
letter-review-already-answered = You have answered this version already. If you wish to add something, please write to the secretariat.
letter-approve-button = Approve this draft
letter-comment-button = Ask for changes (with the comment above)
letter-mail-review-subject = For your review: { $subject }
letter-mail-review-body = The secretariat asks for your review of the draft "{ $subject }" (version { $version }). Please read it and approve it or comment.
letter-mail-review-personal = The link below is personal: it records your answer for your city and this version only. Please do not forward it.
letter-mail-review-action = Read the draft and answer

## Letter campaigns
campaign-nav = Campaigns
campaign-title = Letter campaigns
campaign-new = New campaign
campaign-edit = Edit
campaign-subject = Subject
campaign-body = Text
campaign-status = Status
campaign-recipients = Recipients
campaign-status-draft = Draft
campaign-status-awaiting-approval = Waiting for a second admin
campaign-status-sending = Sending
campaign-status-paused = Paused
campaign-status-cancelled = Cancelled
campaign-placeholders-hint = Placeholders filled for each city:
campaign-placeholder-unknown = The text uses a placeholder that does not exist. Use only the placeholders listed.
campaign-placeholder-unclosed = A placeholder is not closed: write it as {"{{"}city{"}}"}.
campaign-essential = Essential (no unsubscribe link; reaches cities that unsubscribed)
campaign-essential-hint = Only for messages every member must receive, such as statutory notices.
campaign-audience = Audience
campaign-any = Any
campaign-continent = Continent
campaign-country = Country or region
campaign-role = Role held today
campaign-dues-unpaid = Dues unpaid for the last fiscal year
campaign-no-exhibition-held = No poster exhibition held yet
campaign-pasted-list = Or a pasted list
campaign-pasted-list-hint = Member numbers or email addresses of member cities, one a line. A list replaces the filters above.
campaign-saved = The campaign was saved.
campaign-not-draft = Only a draft campaign can be changed.
campaign-recipient-count = Recipients: { $count }
campaign-without-email = Left out, no email address: { $count }
campaign-unsubscribed-count = Left out, unsubscribed: { $count }
campaign-unmatched = These lines name no active member city:
campaign-preview = Preview
campaign-preview-for = As { $city } will receive it:
campaign-no-recipients = No city matches this audience.
campaign-test-send = Send a test to myself
campaign-test-sent = A test was sent to your own address.
campaign-send = Send
campaign-sending = { $count ->
    [one] The campaign is sending to { $count } city.
   *[other] The campaign is sending to { $count } cities.
}
campaign-needs-approval = { $count ->
    [one] The campaign goes to { $count } city, more than the threshold: a second admin must approve it.
   *[other] The campaign goes to { $count } cities, more than the threshold: a second admin must approve it.
}
campaign-not-allowed = The campaign is not in a state that allows this.
campaign-awaiting-approval-text = This campaign waits for a second admin's approval before it sends.
campaign-approve = Approve and send
campaign-progress = Progress
campaign-progress-queued = Waiting
campaign-progress-held = Held (paused)
campaign-progress-sent = Sent
campaign-progress-failed = Failed
campaign-progress-cancelled = Cancelled
campaign-refreshing = The figures update by themselves while the campaign sends.
campaign-refresh-now = Refresh now
campaign-pause = Pause
campaign-resume = Resume
campaign-cancel = Cancel the campaign
campaign-paused = The campaign is paused.
campaign-resumed = The campaign goes on.
campaign-cancelled = The campaign was cancelled; messages not sent yet will not go out.
campaign-threshold = Second admin's approval above this many recipients
campaign-threshold-hint = A campaign to more cities than this waits until another admin approves it.
campaign-threshold-invalid = Please give the threshold as a whole number.
campaign-settings-saved = The campaign settings were saved.
campaign-mail-unsubscribe = To receive no more campaigns like this one: { $url }
campaign-unsubscribe-title = Unsubscribe
campaign-unsubscribe-text = Stop sending campaign emails to { $city }? Essential notices to members still arrive.
campaign-unsubscribe-button = Unsubscribe
campaign-unsubscribed = { $city } will receive no more campaign emails.
campaign-unsubscribe-preview = A preview from a test message: this is the page the city sees from its own link. This link unsubscribes nobody.

## The audit log's actions and kinds of record
audit-action-user-create-admin = Created an admin from the command line
audit-action-user-create-first-admin = Created the first admin
audit-action-user-invite = Invited a user
audit-action-user-accept-invitation = Accepted an invitation
audit-action-user-change-password = Changed a password
audit-action-user-deactivate = Deactivated a user
audit-action-user-reactivate = Reactivated a user
audit-action-application-approve = Approved an application
audit-action-application-reject = Rejected an application
audit-action-application-request-information = Asked an applicant for information
audit-action-application-reply = An applicant replied
audit-action-member-register = Registered a member city
audit-action-member-status = Changed a city's membership
audit-action-member-contact-update = Updated a city's contacts
audit-action-member-import = Imported member cities
audit-action-member-export = Exported member cities
audit-action-member-role-add = Gave a city a role
audit-action-member-role-end = Ended a city's role
audit-action-member-invite-user = Invited a city user
audit-action-registration-run = Ran the monthly registration
audit-action-settings-registration-day = Changed the registration day
audit-action-sister-invite = Invited a sister city
audit-action-country-add-region = Added a region
audit-action-country-continent = Moved a country to another continent
audit-action-dues-payment = Recorded a dues payment
audit-action-dues-waiver = Waived dues
audit-action-dues-reverse = Reversed a dues entry
audit-action-dues-receipt-email = Emailed a receipt
audit-action-dues-import = Imported a bank statement
audit-action-dues-import-post = Posted a bank statement's payments
audit-action-dues-reminders = Sent dues reminders
audit-action-dues-reminders-off = Stopped a city's dues reminders
audit-action-dues-reminders-on = Resumed a city's dues reminders
audit-action-settings-dues = Changed the dues settings
audit-action-exhibition-register = Registered an exhibition
audit-action-exhibition-update = Changed an exhibition
audit-action-exhibition-status = Moved an exhibition on
audit-action-exhibition-book-set = Booked a poster set
audit-action-exhibition-release-set = Released a poster set
audit-action-exhibition-report = Reported on an exhibition
audit-action-exhibition-buffers = Changed the shipping buffers
audit-action-poster-set-add = Added a poster set
audit-action-poster-set-update = Changed a poster set
audit-action-poster-file-upload = Uploaded poster data
audit-action-petition-create = Created a petition
audit-action-petition-update = Changed a petition
audit-action-petition-paper-batch = Recorded paper signatures
audit-action-petition-invalidate = Invalidated signatures
audit-action-petition-anonymise = Anonymised a petition
audit-action-petition-export-signatures = Exported signatures
audit-action-petition-block-domain = Blocked an email domain
audit-action-petition-unblock-domain = Unblocked an email domain
audit-action-letter-create = Drafted a letter
audit-action-letter-update = Changed a letter
audit-action-letter-circulate = Sent a letter to the officers
audit-action-letter-review-answer = An officer answered on a letter
audit-action-letter-final = Marked a letter final
audit-action-letter-send = Sent a letter
audit-action-campaign-create = Created a campaign
audit-action-campaign-update = Changed a campaign
audit-action-campaign-approve = Approved a campaign
audit-action-campaign-send = Sent a campaign
audit-action-campaign-pause = Paused a campaign
audit-action-campaign-resume = Resumed a campaign
audit-action-campaign-cancel = Cancelled a campaign
audit-action-campaign-settings = Changed the campaign settings
audit-action-campaign-unsubscribe = A city unsubscribed
audit-action-outbox-retry = Retried a message
audit-action-outbox-cancel = Cancelled a message
audit-entity-user = Account
audit-entity-invitation = Invitation
audit-entity-application = Application
audit-entity-member-city = Member city
audit-entity-city-role = City's role
audit-entity-registration-run = Registration run
audit-entity-setting = Setting
audit-entity-sister-invitation = Sister-city invitation
audit-entity-country = Country or region
audit-entity-dues-entry = Dues entry
audit-entity-dues-import = Bank statement
audit-entity-dues-year = Dues year
audit-entity-exhibition = Exhibition
audit-entity-poster-set = Poster set
audit-entity-poster-file = Poster data
audit-entity-petition = Petition
audit-entity-petition-paper-batch = Paper signatures
audit-entity-email-domain = Email domain
audit-entity-letter = Letter
audit-entity-campaign = Campaign
audit-entity-outbox = Message
