-- Channel feeds (issue 9): stock levels and fulfillment notifications pushed to Shopify-style channels through the
-- webhook machinery. Runs with search_path set to the schema.

-- The channel's own order number, for fulfillment notifications (orders.order.confirmed.v1 carries it). Shipments
-- created before this migration have none; their dispatches send no fulfillment notification.
ALTER TABLE shipments ADD COLUMN channel_order_reference text;

-- A delivery that carries a state rather than a change (a stock level) names what it is the state of: when a newer
-- delivery with the same key is queued for the subscription, older ones still pending are closed as failed
-- ("superseded"), so a retried old level can never arrive after a newer one.
ALTER TABLE webhook_deliveries ADD COLUMN supersede_key text;
CREATE INDEX webhook_deliveries_pending_by_supersede_key
    ON webhook_deliveries (subscription_id, supersede_key) WHERE status = 'pending' AND supersede_key IS NOT NULL;

-- One feed per channel; it owns one webhook subscription (url, secret, retries, delivery status).
CREATE TABLE channel_feeds (
    channel          text        PRIMARY KEY,
    format           text        NOT NULL CHECK (format IN ('shopify')),
    subscription_id  text        NOT NULL UNIQUE REFERENCES webhook_subscriptions (id),
    feeds            text[]      NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- SKU -> the channel's inventory item id (Shopify `inventory_item_id`).
CREATE TABLE channel_feed_inventory_items (
    channel            text   NOT NULL REFERENCES channel_feeds (channel) ON DELETE CASCADE,
    sku                text   NOT NULL,
    inventory_item_id  bigint NOT NULL,
    PRIMARY KEY (channel, sku)
);

-- Warehouse -> the channel's location id (Shopify `location_id`).
CREATE TABLE channel_feed_locations (
    channel      text   NOT NULL REFERENCES channel_feeds (channel) ON DELETE CASCADE,
    warehouse    text   NOT NULL,
    location_id  bigint NOT NULL,
    PRIMARY KEY (channel, warehouse)
);

-- The last inventory.stock.changed.v1 sequence queued per channel, SKU and warehouse: an event whose sequence is
-- not newer is dropped. Kept when a feed is removed, so a feed set up again never sends an older level.
CREATE TABLE channel_feed_stock_sequences (
    channel     text        NOT NULL,
    sku         text        NOT NULL,
    warehouse   text        NOT NULL,
    sequence    bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, sku, warehouse)
);
