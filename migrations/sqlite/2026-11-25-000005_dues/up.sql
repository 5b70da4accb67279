-- Voluntary dues: fiscal years (the fee and the receipt counter of each), the
-- ledger of payments, waivers and reversals with their allocations per fiscal
-- year, bank-statement imports, reminders and reminder opt-outs.
--
-- The ledger is append-only: a mistake is corrected by a reversal entry, never
-- by an UPDATE or DELETE of an entry.

CREATE TABLE dues_years (
    fiscal_year INTEGER PRIMARY KEY NOT NULL,
    fee_jpy BIGINT NOT NULL CHECK (fee_jpy >= 0),
    -- The last receipt number given in this year; incremented inside the
    -- payment's own transaction, so numbers are neither skipped nor reused.
    last_receipt_number INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE dues_entries (
    id INTEGER PRIMARY KEY NOT NULL,
    city_id BIGINT NOT NULL REFERENCES member_cities (id),
    kind TEXT NOT NULL CHECK (kind IN ('payment', 'waiver', 'reversal')),
    received_on DATE NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    exchange_rate TEXT,
    amount_jpy BIGINT NOT NULL,
    method TEXT CHECK (method IN ('bank_transfer', 'card', 'cash', 'other')),
    reference TEXT,
    note TEXT,
    reverses_id BIGINT UNIQUE REFERENCES dues_entries (id),
    receipt_number TEXT UNIQUE,
    recorded_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX dues_entries_city ON dues_entries (city_id);
CREATE INDEX dues_entries_received_on ON dues_entries (received_on);

CREATE TABLE dues_allocations (
    id INTEGER PRIMARY KEY NOT NULL,
    entry_id BIGINT NOT NULL REFERENCES dues_entries (id),
    city_id BIGINT NOT NULL REFERENCES member_cities (id),
    fiscal_year INTEGER NOT NULL,
    amount_jpy BIGINT NOT NULL
);
CREATE INDEX dues_allocations_year ON dues_allocations (fiscal_year, city_id);
CREATE INDEX dues_allocations_city ON dues_allocations (city_id);
CREATE INDEX dues_allocations_entry ON dues_allocations (entry_id);

CREATE TABLE dues_reminders (
    id INTEGER PRIMARY KEY NOT NULL,
    city_id BIGINT NOT NULL REFERENCES member_cities (id),
    fiscal_year INTEGER NOT NULL,
    outbox_id BIGINT,
    sent_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX dues_reminders_city ON dues_reminders (city_id, created_at);

CREATE TABLE dues_reminder_opt_outs (
    city_id BIGINT PRIMARY KEY NOT NULL REFERENCES member_cities (id),
    opted_out_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE dues_imports (
    id INTEGER PRIMARY KEY NOT NULL,
    file_name TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    uploaded_by BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE dues_import_rows (
    id INTEGER PRIMARY KEY NOT NULL,
    import_id BIGINT NOT NULL REFERENCES dues_imports (id),
    line_number INTEGER NOT NULL,
    received_on DATE,
    amount_minor BIGINT,
    currency TEXT,
    description TEXT NOT NULL,
    -- Why the row cannot be posted as it is (a message key), if it cannot.
    problem TEXT,
    city_id BIGINT REFERENCES member_cities (id),
    matched_by TEXT,
    posted_at TIMESTAMP,
    entry_id BIGINT REFERENCES dues_entries (id)
);
CREATE INDEX dues_import_rows_import ON dues_import_rows (import_id);
