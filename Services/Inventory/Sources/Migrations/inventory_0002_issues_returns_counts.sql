-- Dispatches turn reservations into issues; returns restock or quarantine; counts reconcile.

ALTER TABLE reservation_allocations ADD COLUMN issued integer NOT NULL DEFAULT 0 CHECK (issued >= 0);

-- One row per dispatch applied: the same dispatch under another message id issues nothing twice.
CREATE TABLE dispatches (
    dispatch_id  text        PRIMARY KEY,
    shipment_id  text        NOT NULL,
    order_id     text        NOT NULL,
    applied_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE return_receipts (
    receipt_id   text        PRIMARY KEY,
    rma          text        NOT NULL,
    order_id     text        NOT NULL,
    applied_at   timestamptz NOT NULL DEFAULT now()
);

-- Damaged returns: kept apart from sellable stock until someone decides (scrap, repair, vendor return).
CREATE TABLE quarantine (
    sku        text    NOT NULL,
    warehouse  text    NOT NULL,
    quantity   integer NOT NULL CHECK (quantity >= 0),
    PRIMARY KEY (sku, warehouse)
);

CREATE TABLE reconciliations (
    id                  uuid        PRIMARY KEY,
    count_id            text        UNIQUE,
    warehouse           text        NOT NULL REFERENCES warehouses (id),
    counted_at          timestamptz NOT NULL,
    positions_compared  integer     NOT NULL,
    discrepancies       integer     NOT NULL,
    units_different     integer     NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reconciliation_lines (
    reconciliation_id  uuid    NOT NULL REFERENCES reconciliations (id),
    sku                text    NOT NULL,
    expected           integer NOT NULL,
    counted            integer NOT NULL,
    delta              integer NOT NULL,
    PRIMARY KEY (reconciliation_id, sku)
);
