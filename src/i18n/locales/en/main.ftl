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
users-no-invitations = No open invitations.
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
home-lead = An association of more than 7,800 cities in 163 countries and regions, founded by Hiroshima and Nagasaki in 1982, working for the total abolition of nuclear weapons and for lasting peace.
home-about-heading = Who we are
home-about = The mayor of Hiroshima proposed at the 2nd UN Special Session on Disarmament in 1982 that cities worldwide unite for the abolition of nuclear weapons. The association has held Special Consultative Status with the UN Economic and Social Council since 1991.
home-figures = In December 2019: 7,854 member cities in 163 countries and regions, 3,231 of them in Asia and 3,032 in Europe.
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
