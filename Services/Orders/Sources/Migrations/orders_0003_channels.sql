-- Channel adapters: Shopify shops and their webhook deliveries, EDI X12 trading partners, their interchanges and the
-- documents generated for them. Each configuration is stored as the JSON its API accepts, so adding a mapping option
-- is a code change only.

-- A Shopify shop: how its orders map to canonical orders, and the secrets its webhooks are signed with. During a
-- rotation the previous secret stays valid until previous_secret_until.
CREATE TABLE shopify_shops (
    shop_domain            text        PRIMARY KEY,
    channel                text        NOT NULL,
    configuration          jsonb       NOT NULL,
    secret                 text        NOT NULL,
    previous_secret        text,
    previous_secret_until  timestamptz,
    updated_at             timestamptz NOT NULL DEFAULT now()
);

-- One row per merchant action (shop, topic, event id): a second delivery of the same event is a duplicate and only
-- adds its webhook id. The raw body is kept as received, for processing, audit and replay.
CREATE TABLE shopify_webhooks (
    shop_domain          text        NOT NULL,
    topic                text        NOT NULL,
    event_id             text        NOT NULL,
    webhook_id           text        NOT NULL,
    api_version          text,
    triggered_at         timestamptz,
    body                 bytea       NOT NULL,
    received_at          timestamptz NOT NULL DEFAULT now(),
    duplicate_deliveries integer     NOT NULL DEFAULT 0,
    status               text        NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'processed', 'ignored')),
    outcome              text,
    order_id             text,
    processed_at         timestamptz,
    PRIMARY KEY (shop_domain, topic, event_id)
);
CREATE INDEX shopify_webhooks_by_received ON shopify_webhooks (received_at);

-- An EDI trading partner: its interchange identifiers, how its documents map, and where generated documents go.
CREATE TABLE edi_partners (
    id                text        PRIMARY KEY,
    channel           text        NOT NULL,
    sender_qualifier  text        NOT NULL,
    sender_id         text        NOT NULL,
    configuration     jsonb       NOT NULL,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (sender_qualifier, sender_id)
);

-- The control numbers Wholesail gave its own interchanges, groups and transaction sets, per partner: taken in the
-- transaction that stores the document, so they never repeat and never skip.
CREATE TABLE edi_control_numbers (
    partner_id  text   NOT NULL REFERENCES edi_partners (id),
    kind        text   NOT NULL CHECK (kind IN ('interchange', 'group', 'set')),
    last_value  bigint NOT NULL,
    PRIMARY KEY (partner_id, kind)
);

-- Every interchange a partner sent, as received, with what became of each transaction set.
CREATE TABLE edi_interchanges (
    id                          text        PRIMARY KEY,
    partner_id                  text        NOT NULL REFERENCES edi_partners (id),
    interchange_control_number  text        NOT NULL,
    body                        bytea       NOT NULL,
    status                      text        NOT NULL CHECK (status IN ('accepted', 'partially-accepted', 'rejected')),
    report                      jsonb       NOT NULL,
    acknowledgment_document_id  text,
    received_at                 timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partner_id, interchange_control_number)
);

-- The purchase order behind an order that came by EDI: what the 855, 856 and 810 echo back to the partner.
CREATE TABLE edi_orders (
    order_id        text  PRIMARY KEY REFERENCES orders (id),
    partner_id      text  NOT NULL REFERENCES edi_partners (id),
    interchange_id  text  NOT NULL REFERENCES edi_interchanges (id),
    po_number       text  NOT NULL,
    purchase_order  jsonb NOT NULL
);

-- Documents Wholesail generated for a partner (997, 855, 856, 810): stored for audit and re-sending, and delivered
-- to the partner's URL by the EDI document sender, with retries.
CREATE TABLE edi_documents (
    id                          text        PRIMARY KEY,
    partner_id                  text        NOT NULL REFERENCES edi_partners (id),
    document_type               text        NOT NULL CHECK (document_type IN ('997', '855', '856', '810')),
    order_id                    text,
    -- What the document answers (an interchange, an order decision, a dispatch, an invoice): one document each.
    source                      text        NOT NULL,
    interchange_control_number  text        NOT NULL,
    body                        text        NOT NULL,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    delivery_status             text        NOT NULL DEFAULT 'pending' CHECK (delivery_status IN ('pending', 'delivered', 'held')),
    attempts                    integer     NOT NULL DEFAULT 0,
    next_attempt_at             timestamptz NOT NULL DEFAULT now(),
    delivered_at                timestamptz,
    last_error                  text,
    UNIQUE (partner_id, document_type, source)
);
CREATE INDEX edi_documents_pending ON edi_documents (next_attempt_at) WHERE delivery_status = 'pending';
CREATE INDEX edi_documents_by_partner ON edi_documents (partner_id, created_at, id);
