-- Per-account limits on stored package bytes; an account without a row is unlimited (the default).
CREATE TABLE storage_limits (
    account_id   TEXT PRIMARY KEY REFERENCES accounts (account_id) ON DELETE CASCADE,
    limit_bytes  INTEGER NOT NULL
);

-- An upload's commit sums the account's stored bytes: an index, not a scan of every tenant's objects.
-- Covering (blob_id too, or SQLite reads each row to test it) and partial: the sum reads the index alone.
CREATE INDEX objects_by_account ON objects (account_id, length, blob_id) WHERE blob_id IS NOT NULL;
