-- Intake stores a new order in one autocommitted statement (no BEGIN/COMMIT round trips). That statement claims the
-- Idempotency-Key before it inserts the order, so when the channel already sent an order with the same reference
-- the key would be committed holding the answer meant for a new order. The statement calls this function in that
-- case: the error undoes the whole statement, and intake takes its transactional path, which stores the right answer.
CREATE FUNCTION abort_order_exists() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the channel already sent an order with this reference' USING ERRCODE = 'WS409';
END
$$;
