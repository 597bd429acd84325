-- The scale-out schema: the embedded schema's tables in PostgreSQL's types, plus the package bytes (blob_chunks),
-- which live here because no object store can be assumed. Times are milliseconds since the epoch, as in SQLite.

CREATE TABLE accounts (
    account_id  TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    is_default  BOOLEAN NOT NULL DEFAULT FALSE,
    created_ms  BIGINT NOT NULL
);

CREATE TABLE access_keys (
    access_key_id     TEXT PRIMARY KEY,
    account_id        TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    user_name         TEXT,
    secret_ciphertext BYTEA NOT NULL,
    enabled           BOOLEAN NOT NULL DEFAULT TRUE,
    created_ms        BIGINT NOT NULL
);

CREATE INDEX access_keys_by_owner ON access_keys (account_id, user_name);

-- Instance ids are unique across accounts (Alibaba's are global).
CREATE TABLE instances (
    account_id   TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    instance_id  TEXT NOT NULL UNIQUE,
    created_ms   BIGINT NOT NULL,
    PRIMARY KEY (account_id, instance_id)
);

CREATE TABLE server_settings (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE TABLE ram_users (
    account_id  TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    user_name   TEXT NOT NULL,
    created_ms  BIGINT NOT NULL,
    PRIMARY KEY (account_id, user_name)
);

CREATE TABLE policies (
    account_id   TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    policy_name  TEXT NOT NULL,
    document     TEXT NOT NULL,
    created_ms   BIGINT NOT NULL,
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

CREATE TABLE quota_overrides (
    account_id        TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    action            TEXT NOT NULL,
    limit_per_second  INTEGER,
    PRIMARY KEY (account_id, action)
);

-- Counters per (account, instance) keep QueryEdgeDriver's Total off a count of rows.
CREATE TABLE scope_counts (
    account_id    TEXT NOT NULL,
    instance_id   TEXT NOT NULL,
    driver_count  BIGINT NOT NULL,
    PRIMARY KEY (account_id, instance_id)
);

-- version_count / published_count answer QueryEdgeDriverVersion's Total; next_ord numbers versions in creation
-- order; last_version_ms keeps creation times monotonic per driver, so ord order = created order.
CREATE TABLE drivers (
    driver_pk        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    driver_id        TEXT NOT NULL UNIQUE,
    account_id       TEXT NOT NULL,
    instance_id      TEXT NOT NULL,
    name             TEXT NOT NULL,
    protocol         TEXT NOT NULL,
    runtime          TEXT NOT NULL,
    cpu_arch         TEXT NOT NULL,
    is_built_in      BOOLEAN NOT NULL,
    created_ms       BIGINT NOT NULL,
    modified_ms      BIGINT NOT NULL,
    version_count    BIGINT NOT NULL DEFAULT 0,
    published_count  BIGINT NOT NULL DEFAULT 0,
    next_ord         BIGINT NOT NULL DEFAULT 0,
    last_version_ms  BIGINT NOT NULL DEFAULT 0,
    UNIQUE (account_id, instance_id, name)
);

CREATE INDEX drivers_by_scope ON drivers (account_id, instance_id, driver_pk);

-- ord: the version's place in the driver's list (higher = earlier in "newest first").
CREATE TABLE driver_versions (
    version_pk         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    driver_pk          BIGINT NOT NULL REFERENCES drivers (driver_pk) ON DELETE CASCADE,
    version            TEXT NOT NULL,
    ord                BIGINT NOT NULL,
    published          BOOLEAN NOT NULL,
    edge_version       TEXT NOT NULL,
    description        TEXT NOT NULL,
    source_config      TEXT NOT NULL,
    driver_config      TEXT NOT NULL,
    container_config   TEXT NOT NULL,
    config_check_rule  TEXT NOT NULL,
    argument           TEXT NOT NULL,
    created_ms         BIGINT NOT NULL,
    modified_ms        BIGINT NOT NULL,
    source_object_key  TEXT,
    UNIQUE (driver_pk, version),
    UNIQUE (driver_pk, ord)
);

CREATE INDEX driver_versions_by_state ON driver_versions (driver_pk, published, ord);

-- How many versions lie in each block of 256 ords, per list (0 unpublished, 1 published, 2 all): a deep page is
-- found by summing block counts instead of stepping over every version before it.
CREATE TABLE version_blocks (
    driver_pk  BIGINT NOT NULL REFERENCES drivers (driver_pk) ON DELETE CASCADE,
    list       INTEGER NOT NULL,
    block      BIGINT NOT NULL,
    n          BIGINT NOT NULL,
    PRIMARY KEY (driver_pk, list, block)
);

-- Objects: what CreateEdgeOssPreSignedAddress handed out, and, once uploaded, which blob holds the bytes.
CREATE TABLE objects (
    object_key        TEXT PRIMARY KEY,
    account_id        TEXT NOT NULL,
    instance_id       TEXT NOT NULL,
    kind              TEXT NOT NULL,
    driver_id         TEXT NOT NULL,
    driver_version    TEXT NOT NULL,
    edge_instance_id  TEXT NOT NULL,
    file_name         TEXT NOT NULL,
    presigned_ms      BIGINT NOT NULL,
    blob_id           TEXT,
    length            BIGINT,
    md5               TEXT,
    sha256            TEXT,
    content_type      TEXT,
    uploaded_ms       BIGINT
);

CREATE INDEX objects_by_driver ON objects (driver_id, driver_version);
CREATE INDEX objects_by_presigned ON objects (presigned_ms);
CREATE INDEX objects_by_blob ON objects (blob_id);

-- Which objects a version names. The foreign key to objects makes "a version names an object that is gone"
-- impossible: a delete racing a create that names the object fails one of the two, never both succeed.
CREATE TABLE version_objects (
    version_pk  BIGINT NOT NULL REFERENCES driver_versions (version_pk) ON DELETE CASCADE,
    object_key  TEXT NOT NULL REFERENCES objects (object_key),
    PRIMARY KEY (version_pk, object_key)
);

CREATE INDEX version_objects_by_object ON version_objects (object_key);

-- Package bytes, in chunks of at most 1 MiB; a blob is written whole before any object points at it.
CREATE TABLE blob_chunks (
    blob_id  TEXT NOT NULL,
    chunk    INTEGER NOT NULL,
    data     BYTEA NOT NULL,
    PRIMARY KEY (blob_id, chunk)
);
