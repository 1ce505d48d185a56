-- The sweeper's index holds only reservations that can expire. Before, it held every `reserved` row, confirmed orders'
-- too (their `expires_at` is NULL), and its predicate matched the handlers' look-ups by order id
-- (`WHERE order_id = $1 AND status = 'reserved'`): the planner, costing it from when the table was small, walked the
-- whole index for each one instead of the order id's unique index — 240 pages a look-up on a peak day, growing with
-- the day. Those look-ups do not say `expires_at IS NOT NULL`, so they can no longer use this index; the sweeper's
-- `expires_at < now()` implies it and still does.
DROP INDEX reservations_expiry;
CREATE INDEX reservations_expiry ON reservations (expires_at) WHERE status = 'reserved' AND expires_at IS NOT NULL;
