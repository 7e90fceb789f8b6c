-- The statistics count the change log's listings, restrictions and exit bans per court and month: an index that holds just
-- those rows, by court and time.
CREATE INDEX IF NOT EXISTS change_log_statistics ON change_log (court, changed_at) WHERE kind IN ('Listed', 'Restricted', 'ExitBanImposed');
CREATE INDEX IF NOT EXISTS interception_hits_statistics ON interception_hits (court_code, occurred_at);
