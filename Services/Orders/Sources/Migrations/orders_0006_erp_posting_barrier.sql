-- Confirmation order by a barrier instead of the xmin horizon (orders_0005). Waiting until every older transaction
-- in the cluster had ended let any long writer — another service's, another database's, another ERP poster's call —
-- hold ERP posting back. Now each confirmation takes a shared advisory lock before it takes a posting sequence
-- number; the ERP poster, when it has posted everything it knows is complete, takes that lock exclusively for a
-- moment (waiting only for confirmations in flight) and reads the highest pending sequence. Everything up to that
-- number is committed, and every later confirmation gets a higher number, so sequence order is posting order.
DROP INDEX erp_postings_pending;
ALTER TABLE erp_postings DROP COLUMN confirmed_by;
CREATE INDEX erp_postings_pending ON erp_postings (sequence) WHERE status = 'pending';
