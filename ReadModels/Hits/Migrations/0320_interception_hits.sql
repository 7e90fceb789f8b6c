-- Hits that agencies report back (命中反馈): an agency intercepted, warned or let through a subject under one
-- of its measures. The court and case come from the platform's holds, not from the agency, so a court
-- sees exactly the hits on its own cases.
CREATE TABLE IF NOT EXISTS interception_hits (
    id             uuid PRIMARY KEY,
    agency_code    text        NOT NULL,
    report_id      text        NOT NULL,    -- the agency's own id for the report: a retried report is stored once
    measure_code   text        NOT NULL,
    subject_key    text        NOT NULL,
    document_type  text        NOT NULL,
    id_number      text        NOT NULL,
    court_code     text        NOT NULL,    -- the court answerable for the hold the measure followed
    case_number    text        NOT NULL,
    hold_item_id   uuid        NOT NULL,    -- that listing, restriction or exit ban
    occurred_at    timestamptz NOT NULL,
    place          text        NOT NULL,
    outcome        text        NOT NULL,    -- HitOutcome: Intercepted, Warned, AllowedWithCourtPermission, Other
    note           text,
    reported_at    timestamptz NOT NULL DEFAULT now(),
    reported_by    text        NOT NULL,    -- the label of the agency key that reported it
    CONSTRAINT uq_interception_hits_report UNIQUE (agency_code, report_id)
);

-- The court's view: its hits, newest first, paged by (occurred_at, id); statistics over a period.
CREATE INDEX IF NOT EXISTS ix_interception_hits_court ON interception_hits (court_code, occurred_at DESC, id DESC);
