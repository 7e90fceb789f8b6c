-- The exposure partners' read model (README, "Exposure partners"): what courts record for the partners beyond the listing
-- (a subject's usual-residence location and phone numbers), the log of those records, every active listing as the partners
-- may receive it, the partners' own change log, and the webhook subscriptions with their positions and dead letters.

-- Distances for the public nearby search and the partners' geofences, measured by PostgreSQL's contrib modules (both are
-- trusted extensions: the database's owner may create them).
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;

-- What a court records of a subject for the partners, each part optional: the usual residence (district, street or town,
-- and a point; never the address) and phone numbers. Deleted with the subject's last active listing (data minimisation).
CREATE TABLE IF NOT EXISTS subject_partner_records (
    subject_key  text PRIMARY KEY,
    region_code  text,                               -- GB/T 2260 six-digit district
    street       text,                               -- 街道 or 镇, never a house number
    latitude     double precision,
    longitude    double precision,
    phones       text[]      NOT NULL DEFAULT '{}',
    court        text        NOT NULL,
    actor        text        NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((region_code IS NULL) = (latitude IS NULL) AND (latitude IS NULL) = (longitude IS NULL))
);
-- The nearby search's index: a box around the circle is looked up here, then the exact distance is measured.
CREATE INDEX IF NOT EXISTS ix_subject_partner_records_earth ON subject_partner_records USING gist (ll_to_earth(latitude, longitude))
    WHERE latitude IS NOT NULL;

-- Every record above made or deleted, by whom and when (never the location or numbers themselves), at a position taken from
-- the head row inside the writer's transaction: positions become visible in commit order.
CREATE TABLE IF NOT EXISTS partner_record_log (
    position     bigint PRIMARY KEY,
    subject_key  text        NOT NULL,
    action       text        NOT NULL,          -- PartnerRecordAction
    court        text        NOT NULL,
    actor        text        NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE IF NOT EXISTS partner_record_head (
    id    int PRIMARY KEY CHECK (id = 1),
    last  bigint NOT NULL
);
INSERT INTO partner_record_head (id, last) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;

-- Every listing in force as the partners may receive it (PartnerListing as JSON), kept by the partner projection.
CREATE TABLE IF NOT EXISTS partner_listings (
    listing_id   uuid PRIMARY KEY,
    subject_key  text  NOT NULL,
    listing      jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_partner_listings_subject ON partner_listings (subject_key);

-- The partners' change log: each listing's state before and after (null: not in force), at a position. One writer at a time
-- (it holds the head row until it commits), so positions become visible in order and a reader never skips one. The
-- partners' pull feed, event stream and webhooks all read it; a snapshot of partner_listings is exact at the head's last.
CREATE TABLE IF NOT EXISTS partner_changes (
    position      bigint PRIMARY KEY,
    listing_id    uuid        NOT NULL,
    subject_key   text        NOT NULL,
    before        jsonb,
    after         jsonb,
    committed_at  timestamptz NOT NULL DEFAULT now()
);
-- last: the partners' newest position; log_position and records_position: how far the projection has followed the change
-- log and the courts' partner records; day: the China day the listings in force were last judged on.
CREATE TABLE IF NOT EXISTS partner_feed_head (
    id                int PRIMARY KEY CHECK (id = 1),
    last              bigint NOT NULL,
    log_position      bigint NOT NULL,
    records_position  bigint NOT NULL,
    day               date
);
INSERT INTO partner_feed_head (id, last, log_position, records_position) VALUES (1, 0, 0, 0) ON CONFLICT (id) DO NOTHING;

-- A partner's webhook subscription. grant_fields and partner_filter are copied from the partner file whenever it is read,
-- so a silo on its own delivers what the partner is granted now; partner_active is false while the partner is not in it.
CREATE TABLE IF NOT EXISTS webhook_subscriptions (
    id              uuid PRIMARY KEY,
    partner         text        NOT NULL,
    url             text        NOT NULL,
    secret          text        NOT NULL,       -- whsec_…: the receiver verifies the signatures with it
    filter          jsonb       NOT NULL,       -- the subscription's own PartnerFilter
    grant_fields    text[]      NOT NULL,
    partner_filter  jsonb       NOT NULL,
    partner_active  boolean     NOT NULL DEFAULT true,
    position        bigint      NOT NULL,       -- delivered (or passed over) up to this partner_changes position
    failure         jsonb,                      -- WebhookFailure of the event after position, while it fails
    created_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz
);
CREATE INDEX IF NOT EXISTS ix_webhook_subscriptions_partner ON webhook_subscriptions (partner) WHERE deleted_at IS NULL;

-- Events that failed for the whole retry period, as they were sent; the partner lists them and asks for a replay.
CREATE TABLE IF NOT EXISTS webhook_dead_letters (
    subscription_id      uuid        NOT NULL REFERENCES webhook_subscriptions (id),
    position             bigint      NOT NULL,
    message_id           text        NOT NULL,
    payload              text        NOT NULL,
    attempts             int         NOT NULL,
    first_failed_at      timestamptz NOT NULL,
    parked_at            timestamptz NOT NULL DEFAULT now(),
    last_error           text        NOT NULL,
    replay_requested_at  timestamptz,
    replayed_at          timestamptz,
    PRIMARY KEY (subscription_id, position)
);
