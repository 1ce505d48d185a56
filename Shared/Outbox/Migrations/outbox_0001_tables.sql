-- The transactional outbox and the inbox of one service (ARCHITECTURE.md §4).
-- Runs with search_path set to the service's schema, so these tables land there.

-- Events written in the same transaction as the state change they describe.
-- `sequence` orders the relay's reads: events of one aggregate leave in commit order
-- (a later event of the same aggregate is written after the earlier one's transaction
-- released the aggregate's row lock, so it gets a higher sequence).
CREATE TABLE outbox (
    sequence      bigserial   PRIMARY KEY,
    id            uuid        NOT NULL UNIQUE,
    aggregate_id  text        NOT NULL,
    event_type    text        NOT NULL,
    payload       jsonb       NOT NULL,
    headers       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    published_at  timestamptz
);

-- The relay's work list stays small however long the table grows.
CREATE INDEX outbox_unpublished ON outbox (sequence) WHERE published_at IS NULL;
-- Purging published rows after the retention period.
CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;

-- Messages whose effects are committed: a redelivered message finds its row and has no second effect.
CREATE TABLE inbox (
    message_id   text        PRIMARY KEY,
    handler      text        NOT NULL,
    event_type   text        NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX inbox_received_at ON inbox (received_at);
