-- Agencies' API keys. The agencies themselves are in the operator's registry file (Api/Agencies/Catalogue),
-- so a key names its agency by code; a key whose agency left the registry authenticates nobody.
CREATE TABLE IF NOT EXISTS agency_api_keys (
    key_hash     bytea PRIMARY KEY,         -- SHA-256 of the key
    agency_code  text NOT NULL,
    label        text NOT NULL,             -- which system of the agency holds the key
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz
);
