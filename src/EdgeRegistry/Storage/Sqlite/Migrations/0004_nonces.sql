-- Signature nonces, as the 64-bit fingerprint of AccessKeyId and nonce (Auth/NonceFingerprint.cs), each kept until
-- the request it came with could no longer pass the timestamp window, so that a restart does not forget them.
-- Read back only at start-up. Rows append in rowid order and index entries at the end of their second's expiry,
-- whatever the fingerprint, so writes stay on a few pages; expired rows leave from the start of the index.
CREATE TABLE nonces (
    fingerprint  INTEGER NOT NULL,
    expires_ms   INTEGER NOT NULL
);

CREATE INDEX nonces_by_expiry ON nonces (expires_ms);
