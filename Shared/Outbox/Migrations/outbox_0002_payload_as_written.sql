-- The outbox keeps each event as its writer encoded it: `json` (checked when stored, kept byte for byte) rather than
-- `jsonb` (parsed into a binary form when stored and printed back to text each time the relay reads the row).
-- Measured: the two conversions were a large part of PostgreSQL's cost per event, and the relay published
-- jsonb's reprinted text (reordered keys, spaces added) instead of the StableJSON bytes the service wrote.
-- The table holds only recent events (published rows are purged), so the rewrite this takes is short.
ALTER TABLE outbox
    ALTER COLUMN payload TYPE json USING payload::json,
    ALTER COLUMN headers DROP DEFAULT,
    ALTER COLUMN headers TYPE json USING headers::json,
    ALTER COLUMN headers SET DEFAULT '{}'::json;
