-- Objects: what CreateEdgeOssPreSignedAddress handed out, and, once uploaded, which blob holds the bytes.
-- blob_id is new for every upload, so replacing an object swaps one id for another in a transaction.
CREATE TABLE objects (
    object_key        TEXT PRIMARY KEY,
    account_id        TEXT NOT NULL,
    instance_id       TEXT NOT NULL,
    kind              TEXT NOT NULL,
    driver_id         TEXT NOT NULL,
    driver_version    TEXT NOT NULL,
    edge_instance_id  TEXT NOT NULL,
    file_name         TEXT NOT NULL,
    presigned_ms      INTEGER NOT NULL,
    blob_id           TEXT,
    length            INTEGER,
    md5               TEXT,
    sha256            TEXT,
    content_type      TEXT,
    uploaded_ms       INTEGER
);

CREATE INDEX objects_by_driver ON objects (driver_id, driver_version);
CREATE INDEX objects_by_presigned ON objects (presigned_ms);

-- Which objects a version names (SourceConfig.ossAddress and FILE entries of DriverConfig).
CREATE TABLE version_objects (
    version_pk  INTEGER NOT NULL REFERENCES driver_versions (version_pk) ON DELETE CASCADE,
    object_key  TEXT NOT NULL,
    PRIMARY KEY (version_pk, object_key)
);

CREATE INDEX version_objects_by_object ON version_objects (object_key);

-- The code package of the version, when SourceConfig names one: read with every page to add a download link.
ALTER TABLE driver_versions ADD COLUMN source_object_key TEXT;
