-- The decision published for each order, so a re-request (the same order under a new message id) is answered
-- with it again; and confirmation, which ends a reservation's expiry.
ALTER TABLE reservations ADD COLUMN decision jsonb;
