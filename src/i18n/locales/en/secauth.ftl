## Security: sign-in throttling, second factor, sessions (area-secauth)

login-wait = { $seconds ->
    [one] Too many failed attempts lately. Please wait a moment: try again in { $seconds } second.
   *[other] Too many failed attempts lately. Please wait a moment: try again in { $seconds } seconds.
}
error-password-common = This password is on a list of common or leaked passwords. Please choose another.
error-password-weak = This password repeats too few characters. Please choose one that is harder to guess.

login-code-title = Enter your sign-in code
login-code-field = Code from your authenticator app, or a recovery code
login-code-hint = Open the authenticator app on your phone and type the six digits it shows for Solidarity. Lost your phone? Use one of your recovery codes.

two-factor-title = Two-step sign-in
two-factor-intro = Signing in will ask for a code from an authenticator app on your phone as well as your password, so a stolen password alone does not open your account.
two-factor-enabled = { $count ->
    [one] Two-step sign-in is on. You have { $count } unused recovery code.
   *[other] Two-step sign-in is on. You have { $count } unused recovery codes.
}
two-factor-replace-hint = To move to a new phone, scan the code below with it and confirm: the old app and your old recovery codes stop working.
two-factor-scan = Scan this QR code with an authenticator app (for example FreeOTP, Aegis or Google Authenticator).
two-factor-qr-alt = QR code for your authenticator app
two-factor-secret-label = Cannot scan it? Type this key into the app instead:
two-factor-code-label = The six-digit code the app now shows
two-factor-submit = Confirm and turn on
two-factor-code-wrong = This code does not match. Check that the phone's clock is right and type the code the app shows now.
two-factor-cannot-reset-own = You cannot reset your own two-step sign-in. Ask another admin.
two-factor-reset-done = Two-step sign-in of { $email } is reset; their sessions have ended. They set it up again at their next sign-in.

recovery-codes-title = Your recovery codes
recovery-codes-intro = Keep these ten codes somewhere safe, away from your phone (printed, or in a password manager). Each one signs you in once if you lose your phone. They are shown only now.
recovery-codes-continue = I have saved them: continue

account-sessions = Sessions
account-sign-out-everywhere = Sign out everywhere
account-sign-out-everywhere-hint = Ends every session of your account on every device, this one included: useful after signing in on a shared computer or losing a device.

users-two-factor = Two-step sign-in
users-two-factor-on = On
users-two-factor-off = Off
users-two-factor-reset = Reset (lost device)

failures-title = Failed sign-ins
failures-rules-account = { $free ->
    [one] After { $free } failure for an account within an hour, its next sign-in waits a few seconds, longer with each failure but never more than { $seconds } seconds: nobody can lock an owner out.
   *[other] After { $free } failures for an account within an hour, its next sign-in waits a few seconds, longer with each failure but never more than { $seconds } seconds: nobody can lock an owner out.
}
failures-rules-address = { $free ->
    [one] After { $free } failure from one address (any accounts), it waits too, at most { $seconds } seconds.
   *[other] After { $free } failures from one address (any accounts), it waits too, at most { $seconds } seconds.
}
failures-rules-ceiling = { $count ->
    [one] One address gets at most { $count } failure an hour.
   *[other] One address gets at most { $count } failures an hour.
}
failures-rules-kept = { $days ->
    [one] Failures are kept for { $days } day; this page shows the last 24 hours.
   *[other] Failures are kept for { $days } days; this page shows the last 24 hours.
}
failures-empty = No failed sign-ins in the last 24 hours. Nothing to do.
failures-by-account = By email address typed
failures-by-address = By client address
failures-address = Client address
failures-count = Failures
failures-last = Latest

audit-action-user-two-factor-enable = Set up two-step sign-in
audit-action-user-two-factor-reset = Reset a user's two-step sign-in
audit-action-user-recovery-code-used = Signed in with a recovery code
audit-action-user-sign-out-everywhere = Signed out everywhere
