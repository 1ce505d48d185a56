-- Completion checks look up an order's shipments and each dispatch's invoice on every fulfilment event; without
-- these indexes both were sequential scans that grew with every order ever shipped (a peak day slowed to a crawl).
CREATE INDEX order_shipments_by_order ON order_shipments (order_id);
CREATE INDEX order_invoices_by_dispatch ON order_invoices (dispatch_id);
