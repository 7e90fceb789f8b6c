-- 0001: the query catalogue of the Orleans ADO.NET providers (Orleans 10.4.2, PostgreSQL 15).
--
-- Clustering, persistence and reminders do not carry SQL of their own: at start each one runs
-- "SELECT QueryKey, QueryText FROM OrleansQuery" and afterwards executes only the texts found
-- here, binding parameters by name (@Name) and reading result columns by name.
-- Later migrations (0002-0004) add their rows with INSERT ... ON CONFLICT (QueryKey) DO UPDATE,
-- so re-running any of them replaces the stored text with the current one.
--
-- Identifiers are left unquoted on purpose: PostgreSQL folds them to lower case, and the
-- provider queries (also unquoted) resolve to the same lower-case names.
-- Safe to run more than once.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,  -- name the provider looks up, e.g. 'WriteToStorageKey'
    QueryText varchar(8000) NOT NULL,  -- SQL executed with named @parameters
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
