-- Revisions let a replica's read cache prove an entry is current with one key lookup. Every write of a driver's
-- versions adds 1 to the driver's revision in its own transaction (under the driver row's lock); creating or
-- deleting a driver adds 1 to its scope's. A cached answer is served only while both still read as they did
-- before the answer was read, on whichever replica wrote.
ALTER TABLE drivers ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE scope_counts ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
