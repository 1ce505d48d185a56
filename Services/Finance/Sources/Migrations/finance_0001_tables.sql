-- Finance: customer accounts and credit, invoices with tax, payments, credit notes and refunds, settlement batches.
-- Money is always an integer count of minor units (bigint) beside its ISO 4217 currency code; amounts of different
-- currencies are never summed (every total below is per currency).

-- Customer accounts, imported from the ERP (PUT /v1/customers/{id}).
CREATE TABLE customers (
    id                  text PRIMARY KEY,
    name                text,
    currency            char(3) NOT NULL,
    credit_limit_minor  bigint NOT NULL CHECK (credit_limit_minor >= 0),
    payment_terms_days  integer NOT NULL CHECK (payment_terms_days BETWEEN 0 AND 3650),
    on_hold             boolean NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

-- Tax: rates by ship-to region and product tax class; products' tax classes (default: the order line's category,
-- then 'standard').
CREATE TABLE tax_rates (
    region        text NOT NULL,
    tax_class     text NOT NULL,
    rate_percent  numeric(9, 4) NOT NULL CHECK (rate_percent >= 0 AND rate_percent < 100),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (region, tax_class)
);

CREATE TABLE product_tax_classes (
    sku         text PRIMARY KEY,
    tax_class   text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Credit checks, one per order: the decision, and for an approval the amount still held against the credit limit
-- (released when the order is rejected or cancelled, drawn down as it is invoiced).
CREATE TABLE credit_checks (
    order_id        text PRIMARY KEY,
    customer_id     text NOT NULL,
    currency        char(3) NOT NULL,
    amount_minor    bigint NOT NULL,
    approved        boolean NOT NULL,
    reason          text,
    detail          text,
    decided_at      timestamptz NOT NULL,
    held_minor      bigint NOT NULL DEFAULT 0 CHECK (held_minor >= 0),
    released_at     timestamptz,
    release_reason  text
);
CREATE INDEX credit_checks_open_holds ON credit_checks (customer_id) WHERE held_minor > 0;

-- Finance's read copy of confirmed orders: the priced lines and the ship-to that invoices need.
CREATE TABLE orders (
    order_id      text PRIMARY KEY,
    customer_id   text NOT NULL,
    currency      char(3) NOT NULL,
    ship_to       jsonb NOT NULL,
    total_minor   bigint NOT NULL,
    confirmed_at  timestamptz NOT NULL
);

CREATE TABLE order_lines (
    order_id            text NOT NULL REFERENCES orders (order_id),
    line_number         integer NOT NULL,
    sku                 text NOT NULL,
    quantity            integer NOT NULL CHECK (quantity > 0),
    unit_price_minor    bigint NOT NULL,
    extended_minor      bigint NOT NULL,
    category            text,
    invoiced_quantity   integer NOT NULL DEFAULT 0,
    invoiced_net_minor  bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (order_id, line_number),
    CHECK (invoiced_quantity <= quantity)
);

-- Every dispatch finance heard of, and the invoice it produced (NULL: shipped, not invoiced).
CREATE TABLE dispatches (
    dispatch_id    text PRIMARY KEY,
    shipment_id    text NOT NULL,
    order_id       text NOT NULL,
    lines          jsonb NOT NULL,
    units          integer NOT NULL,
    dispatched_at  timestamptz NOT NULL,
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    invoice_id     text
);
CREATE INDEX dispatches_by_order ON dispatches (order_id);
CREATE INDEX dispatches_by_time ON dispatches (dispatched_at);

-- Gap-free numbering: one row per series, incremented inside the transaction that issues the document, so a
-- rolled-back document gives its number back.
CREATE TABLE document_series (
    series       text PRIMARY KEY,
    last_number  bigint NOT NULL DEFAULT 0
);

CREATE TABLE invoices (
    id                   text PRIMARY KEY,
    number               text NOT NULL UNIQUE,
    series               text NOT NULL,
    sequence             bigint NOT NULL,
    order_id             text NOT NULL,
    customer_id          text NOT NULL,
    dispatch_id          text NOT NULL UNIQUE,
    shipment_id          text NOT NULL,
    currency             char(3) NOT NULL,
    net_minor            bigint NOT NULL,
    tax_minor            bigint NOT NULL,
    total_minor          bigint NOT NULL,
    open_minor           bigint NOT NULL,
    issued_at            timestamptz NOT NULL,
    due_date             date NOT NULL,
    settlement_batch_id  text,
    UNIQUE (series, sequence)
);
CREATE INDEX invoices_open_by_customer ON invoices (customer_id, issued_at) WHERE open_minor <> 0;
CREATE INDEX invoices_by_order ON invoices (order_id);
CREATE INDEX invoices_unsettled ON invoices (currency, issued_at) WHERE settlement_batch_id IS NULL;
CREATE INDEX invoices_by_batch ON invoices (settlement_batch_id);

CREATE TABLE invoice_lines (
    invoice_id        text NOT NULL REFERENCES invoices (id),
    line_number       integer NOT NULL,
    sku               text NOT NULL,
    tax_class         text NOT NULL,
    quantity          integer NOT NULL,
    unit_price_minor  bigint NOT NULL,
    net_minor         bigint NOT NULL,
    tax_minor         bigint NOT NULL,
    tax_region        text NOT NULL,
    rate_percent      numeric(9, 4) NOT NULL,
    PRIMARY KEY (invoice_id, line_number)
);

-- Payments from the gateway, idempotent by the gateway's payment id; what could not be applied stays unapplied
-- (an over-payment, credit on account).
CREATE TABLE payments (
    id                   text PRIMARY KEY,
    customer_id          text NOT NULL,
    currency             char(3) NOT NULL,
    amount_minor         bigint NOT NULL CHECK (amount_minor > 0),
    unapplied_minor      bigint NOT NULL CHECK (unapplied_minor >= 0),
    "references"         text[] NOT NULL,
    request_hash         text NOT NULL,
    answer               text NOT NULL,
    received_at          timestamptz NOT NULL,
    recorded_at          timestamptz NOT NULL DEFAULT now(),
    settlement_batch_id  text
);
CREATE INDEX payments_unapplied_by_customer ON payments (customer_id) WHERE unapplied_minor > 0;
CREATE INDEX payments_unsettled ON payments (currency, recorded_at) WHERE settlement_batch_id IS NULL;
CREATE INDEX payments_by_batch ON payments (settlement_batch_id);

CREATE TABLE payment_applications (
    payment_id    text NOT NULL REFERENCES payments (id),
    invoice_id    text NOT NULL REFERENCES invoices (id),
    amount_minor  bigint NOT NULL CHECK (amount_minor > 0),
    PRIMARY KEY (payment_id, invoice_id)
);
CREATE INDEX payment_applications_by_invoice ON payment_applications (invoice_id);

-- Returns: a credit note for the resalable units received, applied first to the order's open invoices; the rest
-- is refunded.
CREATE TABLE credit_notes (
    id                   text PRIMARY KEY,
    number               text NOT NULL UNIQUE,
    series               text NOT NULL,
    sequence             bigint NOT NULL,
    receipt_id           text NOT NULL UNIQUE,
    rma                  text NOT NULL,
    order_id             text NOT NULL,
    customer_id          text NOT NULL,
    currency             char(3) NOT NULL,
    net_minor            bigint NOT NULL,
    tax_minor            bigint NOT NULL,
    total_minor          bigint NOT NULL,
    applied_minor        bigint NOT NULL,
    issued_at            timestamptz NOT NULL,
    settlement_batch_id  text,
    UNIQUE (series, sequence)
);
CREATE INDEX credit_notes_by_order ON credit_notes (order_id);
CREATE INDEX credit_notes_unsettled ON credit_notes (currency, issued_at) WHERE settlement_batch_id IS NULL;
CREATE INDEX credit_notes_by_batch ON credit_notes (settlement_batch_id);

CREATE TABLE credit_note_lines (
    credit_note_id  text NOT NULL REFERENCES credit_notes (id),
    line_number     integer NOT NULL,
    sku             text NOT NULL,
    quantity        integer NOT NULL,
    net_minor       bigint NOT NULL,
    tax_minor       bigint NOT NULL,
    rate_percent    numeric(9, 4) NOT NULL,
    PRIMARY KEY (credit_note_id, line_number)
);

CREATE TABLE refunds (
    id                   text PRIMARY KEY,
    credit_note_id       text NOT NULL UNIQUE REFERENCES credit_notes (id),
    rma                  text NOT NULL,
    order_id             text NOT NULL,
    customer_id          text NOT NULL,
    currency             char(3) NOT NULL,
    amount_minor         bigint NOT NULL CHECK (amount_minor >= 0),
    completed_at         timestamptz NOT NULL,
    settlement_batch_id  text
);
CREATE INDEX refunds_unsettled ON refunds (currency, completed_at) WHERE settlement_batch_id IS NULL AND amount_minor > 0;
CREATE INDEX refunds_by_batch ON refunds (settlement_batch_id);

-- Settlement batches: one currency each; control totals as computed from the journal and as expected from the
-- documents' headers; held batches wait for a second person's approval; posted once to the ERP ledger with the
-- batch id as idempotency key.
CREATE TABLE settlement_batches (
    id                      text PRIMARY KEY,
    currency                char(3) NOT NULL,
    status                  text NOT NULL CHECK (status IN ('held', 'ready', 'posted')),
    requested_by            text NOT NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    document_count          integer NOT NULL,
    debit_total_minor       bigint NOT NULL,
    credit_total_minor      bigint NOT NULL,
    hash_total              bigint NOT NULL,
    expected_count          integer NOT NULL,
    expected_debit_minor    bigint NOT NULL,
    expected_credit_minor   bigint NOT NULL,
    variance_minor          bigint NOT NULL,
    unbalanced_documents    text[] NOT NULL,
    hold_reasons            text[] NOT NULL,
    approved_by             text,
    approved_at             timestamptz,
    posting_attempts        integer NOT NULL DEFAULT 0,
    last_posting_error      text,
    next_posting_at         timestamptz NOT NULL DEFAULT now(),
    erp_document_number     text,
    posted_at               timestamptz
);
CREATE INDEX settlement_batches_to_post ON settlement_batches (next_posting_at) WHERE status = 'ready';

CREATE TABLE journal_entries (
    batch_id         text NOT NULL REFERENCES settlement_batches (id),
    position         integer NOT NULL,
    document_kind    text NOT NULL,
    document_id      text NOT NULL,
    document_number  text NOT NULL,
    order_id         text,
    customer_id      text NOT NULL,
    lines            jsonb NOT NULL,
    PRIMARY KEY (batch_id, position)
);
