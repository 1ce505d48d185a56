-- The pricing service's own tables (schema pricing; search_path is set to it).
-- Price data is imported from the ERP; every committed import is a new price version.

-- One row per price version: the import that made it. Versions are gap-free (imports take a lock).
CREATE TABLE price_versions (
    version       bigint      PRIMARY KEY CHECK (version > 0),
    subject       text        NOT NULL CHECK (subject IN ('price-list', 'agreement', 'promotion', 'customer-group')),
    subject_id    text        NOT NULL,
    rows          integer     NOT NULL,
    published_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE price_lists (
    id              text        PRIMARY KEY,
    name            text,
    currency        text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    effective_from  timestamptz NOT NULL,
    effective_to    timestamptz CHECK (effective_to IS NULL OR effective_to > effective_from),
    version         bigint      NOT NULL REFERENCES price_versions (version)
);

-- Prices are integer minor units of the list's currency, never floating point.
CREATE TABLE list_prices (
    price_list        text   NOT NULL REFERENCES price_lists (id) ON DELETE CASCADE,
    sku               text   NOT NULL,
    category          text,
    unit_price_minor  bigint NOT NULL CHECK (unit_price_minor >= 0),
    PRIMARY KEY (price_list, sku)
);

CREATE TABLE list_price_tiers (
    price_list        text    NOT NULL,
    sku               text    NOT NULL,
    minimum_quantity  integer NOT NULL CHECK (minimum_quantity >= 2),
    unit_price_minor  bigint  NOT NULL CHECK (unit_price_minor >= 0),
    PRIMARY KEY (price_list, sku, minimum_quantity),
    FOREIGN KEY (price_list, sku) REFERENCES list_prices (price_list, sku) ON DELETE CASCADE
);

-- Agreements and promotions keep the validated import document; loading validates it again.
CREATE TABLE agreements (
    id              text        PRIMARY KEY,
    customer        text,
    customer_group  text,
    currency        text        NOT NULL,
    valid_from      timestamptz NOT NULL,
    valid_to        timestamptz,
    document        jsonb       NOT NULL,
    version         bigint      NOT NULL REFERENCES price_versions (version),
    CHECK ((customer IS NULL) <> (customer_group IS NULL))
);
CREATE INDEX agreements_customer ON agreements (customer) WHERE customer IS NOT NULL;

CREATE TABLE promotions (
    id          text        PRIMARY KEY,
    valid_from  timestamptz NOT NULL,
    valid_to    timestamptz NOT NULL,
    document    jsonb       NOT NULL,
    version     bigint      NOT NULL REFERENCES price_versions (version)
);

-- A customer is in at most one group.
CREATE TABLE customer_group_members (
    customer        text   PRIMARY KEY,
    customer_group  text   NOT NULL,
    version         bigint NOT NULL REFERENCES price_versions (version)
);
CREATE INDEX customer_group_members_group ON customer_group_members (customer_group);

-- Orders priced (or refused) from orders.order.received.v1: what was published, for support and audits.
CREATE TABLE priced_orders (
    order_id       text        PRIMARY KEY,
    customer       text        NOT NULL,
    currency       text        NOT NULL,
    price_version  bigint      NOT NULL,
    outcome        text        NOT NULL CHECK (outcome IN ('priced', 'rejected')),
    total_minor    bigint,
    mismatched_lines integer   NOT NULL DEFAULT 0,
    event          jsonb       NOT NULL,
    priced_at      timestamptz NOT NULL DEFAULT now()
);
