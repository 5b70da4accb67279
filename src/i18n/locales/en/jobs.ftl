# Scheduled jobs (issue #17, item 5): /admin/jobs, the run history, the emails.
nav-jobs = Jobs
audit-action-job-run-now = Job run by hand
audit-action-job-pause = Job paused
audit-action-job-resume = Job resumed
audit-entity-job = Scheduled job

jobs-title = Scheduled jobs
jobs-intro = These jobs run by themselves on their schedule, on whichever instance takes the job first; each run is recorded. Pause a job to stop it, or run it now.
jobs-empty = No scheduled job is known to this database. Run "solidarity migrate" to add them, then reload this page.
jobs-job = Job
jobs-schedule = Schedule
jobs-last-run = Last run
jobs-next-run = Next run
jobs-actions = Actions
jobs-never-run = Not run yet: it runs at its next run, or press "Run now".
jobs-times-utc = Schedules are set in UTC, with the time in your time zone beside them; the times of runs are shown in your time zone.
jobs-back = All scheduled jobs
jobs-history = Runs
jobs-history-empty = This job has not run yet. It runs at its next run, or press "Run now" to run it at once.
jobs-run-started = Started
jobs-run-finished = Finished
jobs-run-how = Started by
jobs-run-outcome = Outcome
jobs-run-counts = What it did

job-registration-preparation = Registration run preparation
job-dues-reminders = Dues reminders
job-petition-anonymisation = Petition anonymisation
job-registration-preparation-about = On the registration day, lists the approved applications waiting and emails the staff a link to review them and confirm the run on the registration page. It registers nobody by itself.
job-dues-reminders-about = Queues a gentle dues reminder to each city that has not paid this fiscal year, has not opted out and was not reminded within the reminder interval.
job-petition-anonymisation-about = Removes names, cities, email and IP addresses and paper scans of petitions closed longer ago than their retention period; counts stay the same.

job-items-registration-preparation = { $count ->
    [one] { $number } approved application waiting
   *[other] { $number } approved applications waiting
}
job-items-dues-reminders = { $count ->
    [one] { $number } reminder queued
   *[other] { $number } reminders queued
}
job-items-petition-anonymisation = { $count ->
    [one] { $number } petition anonymised
   *[other] { $number } petitions anonymised
}

job-outcome-running = Running
job-outcome-ok = Done
job-outcome-failed = Failed
job-outcome-abandoned = Abandoned
job-next-paused = Paused: it does not run until resumed.
job-next-unscheduled = Set at the runner's next look
job-schedule-daily = Every day at { $time } UTC
job-schedule-monthly = On day { $day } of each month at { $time } UTC
job-schedule-registration-day = On the registration day (day { $day } of each month) at { $time } UTC
job-run-manual = An admin ("Run now")
job-run-scheduled = The schedule
job-running-now = A run is under way.
job-run-now = Run now
job-pause = Pause
job-resume = Resume
job-confirm-title = Run now
job-confirm-body = It runs at once, on this instance, and the run is recorded. Its schedule stays as it is.
job-confirm-cancel = Cancel
job-ran = Done: { $counts }.
job-run-failed = The run failed: { $error }
job-paused = The job is paused. It does not run until resumed.
job-resumed = The job is resumed and runs on its schedule again.
job-already-running = The job is running already; wait for that run to finish.
job-already-paused = The job is paused already.
job-not-paused = The job is not paused.

job-mail-registration-subject = { $count ->
    [one] { $count } approved application waits for the registration run
   *[other] { $count } approved applications wait for the registration run
}
job-mail-registration-body = { $count ->
    [one] Today is the registration day. This approved application is waiting:
   *[other] Today is the registration day. These { $count } approved applications are waiting:
}
job-mail-registration-more = { $count ->
    [one] … and { $count } more
   *[other] … and { $count } more
}
job-mail-registration-confirm = Nothing is registered until a staff member confirms: review the list on the registration page and run the registration there.
job-mail-registration-action = Review and confirm the registration run

audit-action-job-schedule = Job schedule changed
job-schedule-change = Change the schedule
job-field-day = Day of the month (1 to 28)
job-field-time = Time (UTC, hours:minutes)
job-schedule-save = Save the schedule
job-schedule-saved = The schedule is saved; the next run follows it.
job-schedule-registration-hint = This job runs on the registration day, which is set on the registration page.
job-schedule-registration-link = Registration page
job-time-invalid = Give a time of day as hours and minutes, such as 09:30.
job-day-invalid = Give a day from 1 to 28.
