-- The change log (every accepted change, totally ordered) and the public read model (the listings the
-- law lets the public see). Both are written by one transaction per subject projection.

CREATE TABLE IF NOT EXISTS change_log (
    position         bigint PRIMARY KEY,            -- gap-free, assigned in commit order (see change_log_head)
    subject_key      text        NOT NULL,          -- p:110105..., e:9144...
    subject_version  bigint      NOT NULL,
    kind             text        NOT NULL,          -- ChangeKind: Listed, ListingRemoved, ...
    item_id          uuid        NOT NULL,          -- the listing, restriction or ban
    court            text        NOT NULL,
    actor            text        NOT NULL,
    reason           text        NOT NULL,
    changed_at       timestamptz NOT NULL,          -- when the grain accepted it
    logged_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (subject_key, subject_version)
);

-- One row holding the last position. Appenders update it inside their transaction, so the row lock
-- orders them: a transaction gets position n+1 only after the one holding n has committed or rolled
-- back. A reader paging by position therefore never skips an event that commits later.
CREATE TABLE IF NOT EXISTS change_log_head (
    id    int PRIMARY KEY CHECK (id = 1),
    last  bigint NOT NULL
);
INSERT INTO change_log_head (id, last) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;

-- How far each subject has been projected; guards against an older projection overwriting a newer one.
CREATE TABLE IF NOT EXISTS projected_subjects (
    subject_key  text PRIMARY KEY,
    version      bigint NOT NULL
);

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Active listings only, with the fields of Art. 6 (plus what search needs). Never holds an unmasked
-- resident ID in a published column: id_number is for exact search and is never returned.
CREATE TABLE IF NOT EXISTS public_listings (
    listing_id            uuid PRIMARY KEY,
    subject_key           text    NOT NULL,
    subject_version       bigint  NOT NULL,
    is_entity             boolean NOT NULL,
    document_type         text    NOT NULL,
    id_number             text    NOT NULL,
    masked_id             text    NOT NULL,
    name                  text    NOT NULL,
    name_bigrams          text[]  NOT NULL,         -- every 2-character window of the name, for partial search
    sex                   text,
    birth_date            date,
    legal_representative  text,
    court_code            text    NOT NULL,
    court_name            text    NOT NULL,
    province              text    NOT NULL,
    case_number           text    NOT NULL,
    basis_issuer          text    NOT NULL,
    basis_number          text    NOT NULL,
    obligation            text    NOT NULL,
    amount_owed           numeric(16, 2) NOT NULL,
    performance_status    text    NOT NULL,
    amount_performed      numeric(16, 2) NOT NULL,
    grounds               int[]   NOT NULL,
    behaviours            text    NOT NULL,
    filing_date           date    NOT NULL,
    publication_date      date    NOT NULL,
    period_end            date
);
CREATE INDEX IF NOT EXISTS ix_public_listings_subject ON public_listings (subject_key);
CREATE INDEX IF NOT EXISTS ix_public_listings_name ON public_listings (name, publication_date DESC, listing_id);
CREATE INDEX IF NOT EXISTS ix_public_listings_bigrams ON public_listings USING gin (name_bigrams);
CREATE INDEX IF NOT EXISTS ix_public_listings_id_number ON public_listings (id_number);
CREATE INDEX IF NOT EXISTS ix_public_listings_case ON public_listings (case_number);
CREATE INDEX IF NOT EXISTS ix_public_listings_published ON public_listings (publication_date DESC, listing_id);
