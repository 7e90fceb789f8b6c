-- Exposure partners' API keys (apps, WeChat, telecom operators). The partners are in the partner file (Api/Partners), so a
-- key names its partner by code; a key whose partner left the file authenticates nobody.
CREATE TABLE IF NOT EXISTS partner_keys (
    key_hash      bytea PRIMARY KEY,         -- SHA-256 of the key
    partner_code  text NOT NULL,
    label         text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz
);
