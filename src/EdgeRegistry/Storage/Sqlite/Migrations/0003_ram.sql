-- RAM users of an account; their AccessKeys are rows of access_keys with user_name set.
CREATE TABLE ram_users (
    account_id  TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    user_name   TEXT NOT NULL,
    created_ms  INTEGER NOT NULL,
    PRIMARY KEY (account_id, user_name)
);

-- Policy documents of an account, stored as given once they parse.
CREATE TABLE policies (
    account_id   TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    policy_name  TEXT NOT NULL,
    document     TEXT NOT NULL,
    created_ms   INTEGER NOT NULL,
    PRIMARY KEY (account_id, policy_name)
);

CREATE TABLE user_policies (
    account_id   TEXT NOT NULL,
    user_name    TEXT NOT NULL,
    policy_name  TEXT NOT NULL,
    PRIMARY KEY (account_id, user_name, policy_name),
    FOREIGN KEY (account_id, user_name) REFERENCES ram_users (account_id, user_name) ON DELETE CASCADE,
    FOREIGN KEY (account_id, policy_name) REFERENCES policies (account_id, policy_name)
);

-- Quota overrides: a limit per second for one action, or for every action ('*'); NULL means unlimited.
CREATE TABLE quota_overrides (
    account_id        TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    action            TEXT NOT NULL,
    limit_per_second  INTEGER,
    PRIMARY KEY (account_id, action)
);

CREATE INDEX access_keys_by_owner ON access_keys (account_id, user_name);
