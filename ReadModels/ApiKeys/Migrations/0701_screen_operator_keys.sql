-- Screen operators' API keys (the metro's screen systems). The operators and their channels are in the operator's screen
-- channel file (Api/Screens/Channels), so a key names its operator by code; a key whose operator left the file
-- authenticates nobody.
CREATE TABLE IF NOT EXISTS screen_operator_keys (
    key_hash       bytea PRIMARY KEY,         -- SHA-256 of the key
    operator_code  text NOT NULL,
    label          text NOT NULL,             -- which system of the operator holds the key
    created_at     timestamptz NOT NULL DEFAULT now(),
    revoked_at     timestamptz
);
