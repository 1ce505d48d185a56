-- The dispatcher takes each subscription's oldest due delivery; with a backlog (a receiver down for hours) this
-- keeps that a short index walk instead of a scan of the subscription's pending rows.
CREATE INDEX webhook_deliveries_pending_by_subscription
    ON webhook_deliveries (subscription_id, created_at, id) WHERE status = 'pending';
