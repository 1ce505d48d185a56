-- Stored Idempotency-Key answers are forgotten after the retention (WHOLESAIL_ORDERS_IDEMPOTENCY_RETENTION).
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
