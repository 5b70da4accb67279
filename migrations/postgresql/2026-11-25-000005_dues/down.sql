DROP TABLE dues_import_rows;
DROP TABLE dues_imports;
DROP TABLE dues_reminder_opt_outs;
DROP TABLE dues_reminders;
DROP TABLE dues_allocations;
DROP TABLE dues_entries;
DROP TABLE dues_years;
