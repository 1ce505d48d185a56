-- The inventory service's own tables (schema inventory; search_path is set to it).

CREATE TABLE warehouses (
    id               text   PRIMARY KEY,
    country          text   NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    regions          text[] NOT NULL DEFAULT '{}',
    postal_prefixes  text[] NOT NULL DEFAULT '{}'
);

CREATE TABLE items (
    sku          text PRIMARY KEY,
    description  text
);

-- The current position of a SKU in a warehouse. `sequence` grows with every change (inventory.stock.changed.v1).
-- On hand never goes negative; reservations take rows FOR UPDATE, so concurrent orders cannot both take the last units.
CREATE TABLE positions (
    sku         text        NOT NULL REFERENCES items (sku),
    warehouse   text        NOT NULL REFERENCES warehouses (id),
    on_hand     integer     NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reserved    integer     NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    sequence    bigint      NOT NULL DEFAULT 0,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sku, warehouse)
);

-- The append-only ledger: every change of on hand or reserved, so positions can be rebuilt and audited.
CREATE TABLE ledger (
    entry           bigserial   PRIMARY KEY,
    movement_id     text,
    kind            text        NOT NULL,
    sku             text        NOT NULL,
    warehouse       text        NOT NULL,
    on_hand_delta   integer     NOT NULL,
    reserved_delta  integer     NOT NULL,
    reference       text,
    recorded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_position ON ledger (sku, warehouse);

-- Movements received from the ERP/WMS, by their id: a repeat with the same body is answered from here.
CREATE TABLE movements (
    id           text        PRIMARY KEY,
    body         jsonb       NOT NULL,
    response     jsonb       NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE inbound_supply (
    id             text    PRIMARY KEY,
    warehouse      text    NOT NULL REFERENCES warehouses (id),
    sku            text    NOT NULL REFERENCES items (sku),
    quantity       integer NOT NULL CHECK (quantity > 0),
    expected_date  date    NOT NULL
);
CREATE INDEX inbound_supply_sku ON inbound_supply (sku);

CREATE TABLE reservations (
    id          uuid        PRIMARY KEY,
    order_id    text        NOT NULL UNIQUE,
    status      text        NOT NULL CHECK (status IN ('reserved', 'failed', 'released', 'issued', 'expired')),
    expires_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reservations_expiry ON reservations (expires_at) WHERE status = 'reserved';

CREATE TABLE reservation_allocations (
    reservation_id  uuid    NOT NULL REFERENCES reservations (id),
    warehouse       text    NOT NULL,
    sku             text    NOT NULL,
    quantity        integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (reservation_id, warehouse, sku)
);
