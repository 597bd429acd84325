-- version_objects gains a foreign key to objects. ON DELETE RESTRICT, checked at once: an object that a version
-- names can never be deleted, so a version can never be left naming a package or config file that is gone. Deletes
-- remove versions first (their rows here go with them, by the cascade from driver_versions), then the objects no
-- version names any more. CASCADE would have hidden exactly the bug this closes; SET NULL cannot apply to a key.
--
-- References to objects already gone (left by the create-vs-delete race this closes) cannot be kept under the new
-- key: they are dropped, and so is the package key of their versions, so reads stop handing out a download link
-- that answers 404. SourceConfig itself is left as stored.
UPDATE driver_versions SET source_object_key = NULL
WHERE source_object_key IS NOT NULL AND source_object_key NOT IN (SELECT object_key FROM objects);

CREATE TABLE version_objects_next (
    version_pk  INTEGER NOT NULL REFERENCES driver_versions (version_pk) ON DELETE CASCADE,
    object_key  TEXT NOT NULL REFERENCES objects (object_key) ON DELETE RESTRICT,
    PRIMARY KEY (version_pk, object_key)
);

INSERT INTO version_objects_next (version_pk, object_key)
SELECT version_pk, object_key FROM version_objects WHERE object_key IN (SELECT object_key FROM objects);

DROP TABLE version_objects;
ALTER TABLE version_objects_next RENAME TO version_objects;
CREATE INDEX version_objects_by_object ON version_objects (object_key);
