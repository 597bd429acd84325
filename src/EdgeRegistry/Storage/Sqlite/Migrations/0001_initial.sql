-- Accounts own everything; an AccessKey with no user_name is the account's root key.
CREATE TABLE accounts (
    account_id  TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    is_default  INTEGER NOT NULL DEFAULT 0,
    created_ms  INTEGER NOT NULL
);

CREATE TABLE access_keys (
    access_key_id     TEXT PRIMARY KEY,
    account_id        TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    user_name         TEXT,
    secret_ciphertext BLOB NOT NULL,
    enabled           INTEGER NOT NULL DEFAULT 1,
    created_ms        INTEGER NOT NULL
);

CREATE TABLE instances (
    account_id   TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    instance_id  TEXT NOT NULL,
    created_ms   INTEGER NOT NULL,
    PRIMARY KEY (account_id, instance_id)
);

CREATE TABLE server_settings (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- Counters per (account, instance) keep QueryEdgeDriver's Total off a count of rows.
CREATE TABLE scope_counts (
    account_id    TEXT NOT NULL,
    instance_id   TEXT NOT NULL,
    driver_count  INTEGER NOT NULL,
    PRIMARY KEY (account_id, instance_id)
);

-- version_count / published_count answer QueryEdgeDriverVersion's Total; next_ord numbers versions in
-- creation order; last_version_ms keeps creation times monotonic per driver, so ord order = created order.
CREATE TABLE drivers (
    driver_pk        INTEGER PRIMARY KEY,
    driver_id        TEXT NOT NULL UNIQUE,
    account_id       TEXT NOT NULL,
    instance_id      TEXT NOT NULL,
    name             TEXT NOT NULL,
    protocol         TEXT NOT NULL,
    runtime          TEXT NOT NULL,
    cpu_arch         TEXT NOT NULL,
    is_built_in      INTEGER NOT NULL,
    created_ms       INTEGER NOT NULL,
    modified_ms      INTEGER NOT NULL,
    version_count    INTEGER NOT NULL DEFAULT 0,
    published_count  INTEGER NOT NULL DEFAULT 0,
    next_ord         INTEGER NOT NULL DEFAULT 0,
    last_version_ms  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (account_id, instance_id, name)
);

CREATE INDEX drivers_by_scope ON drivers (account_id, instance_id, driver_pk);

-- ord: the version's place in the driver's list (higher = earlier in "newest first").
CREATE TABLE driver_versions (
    version_pk         INTEGER PRIMARY KEY,
    driver_pk          INTEGER NOT NULL REFERENCES drivers (driver_pk) ON DELETE CASCADE,
    version            TEXT NOT NULL,
    ord                INTEGER NOT NULL,
    published          INTEGER NOT NULL,
    edge_version       TEXT NOT NULL,
    description        TEXT NOT NULL,
    source_config      TEXT NOT NULL,
    driver_config      TEXT NOT NULL,
    container_config   TEXT NOT NULL,
    config_check_rule  TEXT NOT NULL,
    argument           TEXT NOT NULL,
    created_ms         INTEGER NOT NULL,
    modified_ms        INTEGER NOT NULL,
    UNIQUE (driver_pk, version),
    UNIQUE (driver_pk, ord)
);

CREATE INDEX driver_versions_by_state ON driver_versions (driver_pk, published, ord);

-- How many versions lie in each block of 256 ords, per list (0 unpublished, 1 published, 2 all): a deep page
-- is found by summing block counts instead of stepping over every version before it.
CREATE TABLE version_blocks (
    driver_pk  INTEGER NOT NULL REFERENCES drivers (driver_pk) ON DELETE CASCADE,
    list       INTEGER NOT NULL,
    block      INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (driver_pk, list, block)
) WITHOUT ROWID;
