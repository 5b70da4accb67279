# Confirmations, dues and applications (issue #18 items 2 to 4).

secretariat-confirm-missing = Nothing was done: tick the box that confirms what will happen, then try again.
secretariat-not-set = not set yet

## Dues reminders
secretariat-reminders-confirm = { $count ->
    [one] Send { $number } reminder for { $year }
   *[other] Send { $number } reminders for { $year }
} { $languages ->
    [one] in 1 language, by email, now.
   *[other] in { $languages } languages, by email, now.
}
secretariat-reminders-changed = Nothing was sent: the number of cities to remind has changed since the page was shown. Check the new numbers and confirm again.
secretariat-reminders-need-contact = The reminders cannot go out until an administrator has entered the association's bank details and a contact address below.
secretariat-payment-contact-title = Bank details and contact in the reminders
secretariat-payment-contact-intro = Every reminder prints these, so that a city's treasurer can pay and knows whom to ask.
secretariat-bank-details = The association's bank details
secretariat-contact-address = Contact address for questions
secretariat-payment-contact-invalid = Enter the bank details and a valid email address.
secretariat-payment-contact-saved = The bank details and contact address are saved.
secretariat-mail-reminder-bank = To contribute by bank transfer:
secretariat-mail-reminder-contact = Questions about the contribution? Write to { $address }; we are glad to help.
secretariat-mail-footer-replies = You receive this email because of your city's membership. You may reply to it or write to the contact address above.

## Registration run
secretariat-registration-confirm = { $count ->
    [one] Register { $number } city as a member from { $date }
   *[other] Register { $number } cities as members from { $date }
} { $emails ->
    [0] (no welcome email can be sent: no valid address).
    [one] and send 1 welcome email with its certificate.
   *[other] and send { $emails } welcome emails with their certificates.
}
secretariat-registration-changed = Nothing was registered: the list of approved requests has changed since the page was shown. Check it and confirm again.
secretariat-registration-last-run = Registered in the latest run, members from { $date }
secretariat-registration-last-run-empty = The latest run registered no city. Approve requests in the applications queue; they will wait here for the next run.
secretariat-certificate = certificate

## Withdrawal
secretariat-withdraw-consequences = { $city } leaves the public directory from the date below. { $roles ->
    [0] It holds no role.
    [one] Its 1 role ends on that date.
   *[other] Its { $roles } roles end on that date.
} { $users ->
    [0] It has no user account.
    [one] Its 1 user account stays open, to see the city's history.
   *[other] Its { $users } user accounts stay open, to see the city's history.
} No email is sent. The withdrawal can be reversed by reinstating the city.
secretariat-withdraw-confirm = I confirm the withdrawal of { $city }.

## Cancelling an exhibition
secretariat-cancel-frees-set = Cancelling frees poster set { $code }, booked until { $to }, for other exhibitions, and tells the holder by 1 email.
secretariat-cancel-frees-set-city = Cancelling frees poster set { $code } for other exhibitions; your city receives 1 email confirming it.
secretariat-cancel-no-set = No poster set is booked for it, so none is freed.
secretariat-cancel-dates = The exhibition of { $from } – { $to } is cancelled for good: it cannot be reopened.
secretariat-cancel-reason = Reason for cancelling (kept and shown on the exhibition)
secretariat-cancel-confirm = I confirm: cancel this exhibition.
secretariat-cancel-reason-required = Nothing was cancelled: give the reason for cancelling.
secretariat-cancel-reason-shown = Reason for cancelling

## Payments
secretariat-payer = Member number or city name
secretariat-payer-hint = Type the member number (00042) or the city's name as in the directory (Ypres, 広島市).
secretariat-payer-name-unknown = No member city has this name. Check the spelling in the directory, or enter the member number.
secretariat-payer-name-several = Several member cities have this name: enter the member number instead.
secretariat-payment-duplicate = Not recorded yet: a payment of the same amount from this city on the same date is already in the ledger (receipt { $receipt }). Recording it again would count the money twice and show the year as overpaid. If the city really paid twice, tick the box and record it again.
secretariat-payment-duplicate-ok = The city paid twice: record this second payment.
secretariat-overpaid = ({ $amount } more than the fee)

## Year report
secretariat-report-for-year = Received for the year: { $amount }. This is what was counted towards this fiscal year's contributions, whenever it arrived: payments in advance in an earlier year and arrears paid later included.
secretariat-report-during-year = Received during the year: { $amount }. This is the money that arrived between the dates { $period }, whatever years it was for (see the table by currency below).
secretariat-report-why-differ = The two differ when cities pay ahead or late: the first tells how the year's contributions stand, the second what came into the account in that period.

## Applications
secretariat-answered = answered
secretariat-answer-file = Attach a file (optional)
secretariat-answer-file-hint = The signed letter or other document the secretariat asked for: a PDF, PNG or JPEG of at most 5 MB.
secretariat-attachment-type = Attach a PDF, PNG or JPEG file.
secretariat-file-size = { $size } KB
secretariat-mail-answered-subject = { $reference }: { $city } answered your question
secretariat-mail-answered-body = The applicant for { $city } ({ $reference }) has answered the secretariat's question. The request is back in the review queue, marked "answered".
secretariat-mail-answered-file = The answer comes with a file: { $file }.
secretariat-mail-answered-action = Open the request
