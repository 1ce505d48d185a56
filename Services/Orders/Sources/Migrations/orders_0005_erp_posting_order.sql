-- Confirmation order without a lock shared by every confirmation: each posting records the transaction that
-- confirmed it, and the ERP poster takes postings in (confirming transaction, sequence) order, only from transactions
-- older than every transaction still running (pg_snapshot_xmin). No posting can appear later in front of one already
-- posted, and parallel consumer lanes no longer queue behind one another to take a sequence number.
ALTER TABLE erp_postings ADD COLUMN confirmed_by xid8 NOT NULL DEFAULT pg_current_xact_id();
DROP INDEX erp_postings_pending;
CREATE INDEX erp_postings_pending ON erp_postings (confirmed_by, sequence) WHERE status = 'pending';
