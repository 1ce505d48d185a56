-- Orders: intake, the order process manager, ERP posting, the timeline, returns.

-- Channel API keys: only the SHA-256 of a key is stored; the key itself is shown once, when it is created.
CREATE TABLE api_keys (
    id          text        PRIMARY KEY,
    channel     text        NOT NULL,
    key_hash    text        NOT NULL UNIQUE,
    label       text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

CREATE TABLE orders (
    id                       text        PRIMARY KEY,
    channel                  text        NOT NULL,
    channel_order_reference  text        NOT NULL,
    customer                 text        NOT NULL,
    currency                 text        NOT NULL,
    status                   text        NOT NULL CHECK (status IN (
        'received', 'needs_attention', 'confirmed', 'rejected', 'cancelled', 'erp_posted',
        'shipped', 'invoiced', 'completed', 'returned', 'refunded')),
    -- The orders.order.received.v1 payload: what every step was asked about.
    document                 jsonb       NOT NULL,
    received_at              timestamptz NOT NULL,
    attention_reason         text,
    erp_document_number      text,
    updated_at               timestamptz NOT NULL DEFAULT now(),
    UNIQUE (channel, channel_order_reference)
);
CREATE INDEX orders_by_channel ON orders (channel, received_at, id);
CREATE INDEX orders_by_status ON orders (status, received_at, id);

-- A request replayed under the same Idempotency-Key gets the first answer again.
CREATE TABLE idempotency_keys (
    channel          text        NOT NULL,
    key              text        NOT NULL,
    scope            text        NOT NULL,
    request_hash     text        NOT NULL,
    response_status  integer     NOT NULL,
    response_body    text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, key)
);

-- The process manager's state: one row per step and order.
CREATE TABLE order_steps (
    order_id      text        NOT NULL REFERENCES orders (id),
    step          text        NOT NULL CHECK (step IN ('pricing', 'inventory', 'credit')),
    status        text        NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    deadline_at   timestamptz,
    attempts      integer     NOT NULL DEFAULT 1,
    -- The deciding event's payload (priced lines, allocations, credit decision).
    result        jsonb,
    reason_code   text,
    reason_detail text,
    event_id      text,
    decided_at    timestamptz,
    PRIMARY KEY (order_id, step)
);
CREATE INDEX order_steps_overdue ON order_steps (deadline_at) WHERE status = 'pending' AND deadline_at IS NOT NULL;

-- Every state an order went through, with the event (or request) that caused it.
CREATE TABLE order_timeline (
    position   bigserial   PRIMARY KEY,
    order_id   text        NOT NULL REFERENCES orders (id),
    state      text        NOT NULL,
    at         timestamptz NOT NULL DEFAULT now(),
    event_id   text,
    detail     text
);
CREATE INDEX order_timeline_by_order ON order_timeline (order_id, position);

-- Confirmed orders waiting for (or done with) the ERP, in confirmation order.
CREATE TABLE erp_postings (
    sequence         bigserial   PRIMARY KEY,
    order_id         text        NOT NULL UNIQUE REFERENCES orders (id),
    status           text        NOT NULL CHECK (status IN ('pending', 'posted', 'refused', 'cancelled')),
    -- The orders.order.confirmed.v1 payload: what is posted.
    document         jsonb       NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    document_number  text,
    confirmed_at     timestamptz NOT NULL DEFAULT now(),
    posted_at        timestamptz
);
CREATE INDEX erp_postings_pending ON erp_postings (sequence) WHERE status = 'pending';

-- What shipments and finance reported, for the timeline, completion and returns.
CREATE TABLE order_dispatches (
    dispatch_id    text        PRIMARY KEY,
    order_id       text        NOT NULL REFERENCES orders (id),
    shipment_id    text        NOT NULL,
    warehouse      text        NOT NULL,
    dispatched_at  timestamptz NOT NULL
);
CREATE INDEX order_dispatches_by_order ON order_dispatches (order_id);

CREATE TABLE order_dispatch_lines (
    dispatch_id  text    NOT NULL REFERENCES order_dispatches (dispatch_id),
    line_number  integer NOT NULL,
    sku          text    NOT NULL,
    quantity     integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (dispatch_id, line_number)
);

CREATE TABLE order_shipments (
    shipment_id   text        PRIMARY KEY,
    order_id      text        NOT NULL REFERENCES orders (id),
    delivered_at  timestamptz
);

CREATE TABLE order_invoices (
    invoice_id      text        PRIMARY KEY,
    order_id        text        NOT NULL REFERENCES orders (id),
    dispatch_id     text        NOT NULL,
    invoice_number  text        NOT NULL
);
CREATE INDEX order_invoices_by_order ON order_invoices (order_id);

CREATE SEQUENCE rma_numbers;

CREATE TABLE returns (
    rma            text        PRIMARY KEY,
    order_id       text        NOT NULL REFERENCES orders (id),
    reason         text        NOT NULL,
    authorized_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX returns_by_order ON returns (order_id);

CREATE TABLE return_lines (
    rma          text    NOT NULL REFERENCES returns (rma),
    line_number  integer NOT NULL,
    sku          text    NOT NULL,
    quantity     integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (rma, line_number)
);
