DELETE FROM job_runs WHERE job = 'meeting_reminders';
DELETE FROM jobs WHERE name = 'meeting_reminders';
DROP TABLE meeting_outcomes;
DROP TABLE meeting_delegates;
DROP TABLE meeting_invitations;
DROP TABLE meetings;
