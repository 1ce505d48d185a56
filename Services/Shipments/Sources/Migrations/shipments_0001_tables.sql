-- The shipments service's tables (ARCHITECTURE.md §2: schema `shipments`, owned by this service only).
-- Runs with search_path set to the schema.

-- One shipment per warehouse allocation of a confirmed order.
CREATE TABLE shipments (
    id                text        PRIMARY KEY,
    order_id          text        NOT NULL,
    channel           text        NOT NULL,
    customer          text        NOT NULL,
    warehouse         text        NOT NULL,
    ship_to           jsonb       NOT NULL,
    status            text        NOT NULL CHECK (status IN
                          ('created', 'picked', 'packed', 'partially_dispatched', 'dispatched', 'in_transit', 'delivered')),
    carrier           text,
    tracking_number   text,
    exception_reason  text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    -- A redelivered orders.order.confirmed.v1 finds its shipments instead of creating more.
    UNIQUE (order_id, warehouse)
);

-- What the shipment carries, and how much of it has left.
CREATE TABLE shipment_lines (
    shipment_id          text    NOT NULL REFERENCES shipments (id),
    line_number          integer NOT NULL,
    sku                  text    NOT NULL,
    quantity             integer NOT NULL CHECK (quantity > 0),
    dispatched_quantity  integer NOT NULL DEFAULT 0 CHECK (dispatched_quantity BETWEEN 0 AND quantity),
    PRIMARY KEY (shipment_id, line_number)
);

-- Every milestone received, applied or not (a late one is history only): the audit trail.
CREATE TABLE shipment_milestones (
    position      bigserial   PRIMARY KEY,
    shipment_id   text        NOT NULL REFERENCES shipments (id),
    event_id      text        NOT NULL,
    milestone     text        NOT NULL,
    occurred_at   timestamptz NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    applied       boolean     NOT NULL,
    request_hash  text        NOT NULL,
    detail        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    -- The sender's event id: the same milestone sent twice is recorded once.
    UNIQUE (shipment_id, event_id)
);

-- One row per dispatch (a partial dispatch and its remainder are two).
CREATE TABLE shipment_dispatches (
    dispatch_id      text        PRIMARY KEY,
    shipment_id      text        NOT NULL REFERENCES shipments (id),
    carrier          text,
    tracking_number  text,
    lines            jsonb       NOT NULL,
    dispatched_at    timestamptz NOT NULL
);
CREATE INDEX shipment_dispatches_by_shipment ON shipment_dispatches (shipment_id);

-- Returns authorised by orders (orders.return.authorized.v1), waiting for the goods.
CREATE TABLE expected_returns (
    rma            text        PRIMARY KEY,
    order_id       text        NOT NULL,
    channel        text        NOT NULL,
    customer       text        NOT NULL,
    reason         text        NOT NULL,
    authorized_at  timestamptz NOT NULL
);

CREATE TABLE expected_return_lines (
    rma                text    NOT NULL REFERENCES expected_returns (rma),
    line_number        integer NOT NULL,
    sku                text    NOT NULL,
    quantity           integer NOT NULL CHECK (quantity > 0),
    received_quantity  integer NOT NULL DEFAULT 0 CHECK (received_quantity BETWEEN 0 AND quantity),
    PRIMARY KEY (rma, line_number)
);

-- Goods received against an RMA (one row per parcel); the request hash makes a retried receipt idempotent.
CREATE TABLE return_receipts (
    receipt_id    text        PRIMARY KEY,
    rma           text        NOT NULL REFERENCES expected_returns (rma),
    warehouse     text        NOT NULL,
    lines         jsonb       NOT NULL,
    request_hash  text        NOT NULL,
    received_at   timestamptz NOT NULL
);
CREATE INDEX return_receipts_by_rma ON return_receipts (rma);

-- Channels' webhook subscriptions: where to POST which event types, and the secret that signs them.
CREATE TABLE webhook_subscriptions (
    id           text        PRIMARY KEY,
    url          text        NOT NULL,
    event_types  text[]      NOT NULL,
    secret       text        NOT NULL,
    active       boolean     NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- One delivery per event and subscription, queued in the transaction that published the event, so a restart
-- loses none. `id` is the delivery id every attempt carries.
CREATE TABLE webhook_deliveries (
    id                text        PRIMARY KEY,
    subscription_id   text        NOT NULL REFERENCES webhook_subscriptions (id),
    event_id          text        NOT NULL,
    event_type        text        NOT NULL,
    body              text        NOT NULL,
    status            text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts          integer     NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    first_attempt_at  timestamptz,
    last_attempt_at   timestamptz,
    last_status_code  integer,
    last_error        text,
    delivered_at      timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_status ON webhook_deliveries (status, created_at, id);
