-- Per-account limits on stored package bytes; an account without a row is unlimited (the default). An upload's
-- commit locks the account's row (FOR UPDATE), so concurrent uploads of one account, on any replica, are checked
-- against the limit one after the other and together never overshoot it.
CREATE TABLE storage_limits (
    account_id   TEXT PRIMARY KEY REFERENCES accounts (account_id) ON DELETE CASCADE,
    limit_bytes  BIGINT NOT NULL
);

-- Covering and partial: the sum is read from the index alone, over the account's uploaded objects only.
CREATE INDEX objects_by_account ON objects (account_id, length) WHERE blob_id IS NOT NULL;
