-- The subway screens' read model (README, "Subway screens"): what courts record for the screens beyond the listing (a
-- subject's ID photo, the listings a court keeps off the screens), the log of those records, and where each channel's
-- rotation stands. Which listings a screen may show comes from public_listings; the screens follow the change log.

-- A subject's ID photo, decoded and re-encoded by the platform (metadata dropped). Deleted with the subject's last active
-- listing (data minimisation): nothing is kept for the screens of a subject that no screen may show.
CREATE TABLE IF NOT EXISTS subject_photos (
    subject_key  text PRIMARY KEY,
    photo_id     text        NOT NULL UNIQUE,   -- from the stored bytes: the name it is served under, and its ETag
    image        bytea       NOT NULL,
    media_type   text        NOT NULL,
    width        int         NOT NULL,
    height       int         NOT NULL,
    court        text        NOT NULL,
    actor        text        NOT NULL,
    uploaded_at  timestamptz NOT NULL DEFAULT now()
);

-- Listings their court keeps off the screens. Deleted once the listing is no longer active.
CREATE TABLE IF NOT EXISTS screen_exclusions (
    listing_id   uuid PRIMARY KEY,
    subject_key  text        NOT NULL,
    court        text        NOT NULL,
    actor        text        NOT NULL,
    reason       text        NOT NULL,
    excluded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_screen_exclusions_subject ON screen_exclusions (subject_key);

-- Every record above made, changed or deleted, by whom and when (never the photo itself), at a position. Positions are taken
-- from the head row inside the writer's transaction, as change_log's are, so they become visible in commit order and a
-- reader following them never skips one.
CREATE TABLE IF NOT EXISTS screen_records (
    position     bigint PRIMARY KEY,
    subject_key  text        NOT NULL,
    listing_id   uuid,
    action       text        NOT NULL,          -- ScreenRecordAction
    court        text        NOT NULL,          -- the court, or 'platform' for a deletion with the last listing
    actor        text        NOT NULL,
    reason       text,
    recorded_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE IF NOT EXISTS screen_records_head (
    id    int PRIMARY KEY CHECK (id = 1),
    last  bigint NOT NULL
);
INSERT INTO screen_records_head (id, last) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;

-- Where each channel's rotation starts in its current period, so that every screen, every API process and a restart show
-- the same sequence. Moved on by whichever process first sees a new period (compare and set).
CREATE TABLE IF NOT EXISTS screen_rotations (
    channel         text PRIMARY KEY,
    period_seconds  int         NOT NULL,
    period          bigint      NOT NULL,
    start_point     bigint      NOT NULL,       -- a point on the channel's ring (an unsigned 64-bit hash, stored as signed)
    updated_at      timestamptz NOT NULL DEFAULT now()
);
