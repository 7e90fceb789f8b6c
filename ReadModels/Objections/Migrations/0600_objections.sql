-- Objections to listings (list rules Arts. 11–12) as the courts' queue and the applicant's receipt lookup read them. The
-- objection grain is the source: it writes a row after each step (newer versions only), and the grain's stored state
-- rebuilds it. The deadlines are not stored: they are computed from these dates on the working-day calendar in force when
-- read, so a calendar corrected by the court administrator corrects every deadline at once.
CREATE TABLE IF NOT EXISTS objections (
    receipt                       text        PRIMARY KEY,
    version                       bigint      NOT NULL,
    subject_key                   text        NOT NULL,
    listing_id                    uuid        NOT NULL,
    case_number                   text        NOT NULL,
    enforcing_court               text        NOT NULL,
    reconsidering_court           text,
    status                        text        NOT NULL,
    remedy                        text,
    filed_on                      date        NOT NULL,
    decided_on                    date,
    reconsideration_requested_on  date,
    reconsideration_decided_on    date,
    remedied_on                   date,
    -- The steps as the applicant may read them: kind, time, court and the court's text; never the contact or the subject's ID.
    steps                         jsonb       NOT NULL,
    updated_at                    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS objections_enforcing ON objections (enforcing_court, filed_on);
CREATE INDEX IF NOT EXISTS objections_reconsidering ON objections (reconsidering_court, filed_on) WHERE reconsidering_court IS NOT NULL;
CREATE INDEX IF NOT EXISTS objections_listing ON objections (listing_id);

-- The files an applicant attached, checked by their content on intake. Only the courts handling the objection read them.
CREATE TABLE IF NOT EXISTS objection_attachments (
    receipt     text        NOT NULL,
    number      int         NOT NULL,
    file_name   text        NOT NULL,
    media_type  text        NOT NULL,
    content     bytea       NOT NULL,
    sha256      text        NOT NULL,
    stored_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (receipt, number)
);
