-- Signature nonces, as the 64-bit fingerprint of AccessKeyId and nonce (Auth/NonceFingerprint.cs), each kept until
-- the request it came with could no longer pass the timestamp window, so that a restart does not forget them.
-- Read back only at start-up. Keyed by expiry first: new rows go to the end of the tree and expired ones leave
-- from its start, so neither touches pages all over the file.
CREATE TABLE nonces (
    expires_ms   INTEGER NOT NULL,
    fingerprint  INTEGER NOT NULL,
    PRIMARY KEY (expires_ms, fingerprint)
) WITHOUT ROWID;
