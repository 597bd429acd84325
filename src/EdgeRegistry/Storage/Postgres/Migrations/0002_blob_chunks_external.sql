-- Package bytes are zip/tar archives, already compressed: storing chunks EXTERNAL (out of line, uncompressed)
-- spares the server a compression attempt per chunk and lets a read fetch only the TOAST pages it needs.
ALTER TABLE blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
