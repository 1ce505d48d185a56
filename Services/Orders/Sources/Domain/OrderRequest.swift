import Contracts

/// A channel's order as `POST /v1/orders` accepts it, validated (see ``OrderRequestValidator``).
///
/// Its stable JSON is what an `Idempotency-Key` is compared by: the same order sent again with other whitespace or key
/// order is the same request.
public struct OrderRequest: Codable, Sendable, Hashable {
    /// One ordered line; its line number is its 1-based position.
    public struct Line: Codable, Sendable, Hashable {
        public var sku: String
        public var quantity: Int
        /// The unit price the channel showed the buyer, in the order's currency.
        public var unitPrice: Money?

        public init(sku: String, quantity: Int, unitPrice: Money? = nil) {
            self.sku = sku
            self.quantity = quantity
            self.unitPrice = unitPrice
        }
    }

    /// The channel named in the body, if any (it must be the API key's channel).
    public var channel: String?
    public var channelOrderReference: String
    public var customer: String
    public var currency: Currency
    public var shipTo: PostalAddress
    public var lines: [Line]
    /// `YYYY-MM-DD`.
    public var requestedDate: String?
    /// The buyer's purchase order number, when it has one (B2B storefronts, EDI).
    public var purchaseOrderNumber: String?

    public init(
        channel: String? = nil, channelOrderReference: String, customer: String, currency: Currency, shipTo: PostalAddress,
        lines: [Line], requestedDate: String? = nil, purchaseOrderNumber: String? = nil
    ) {
        self.purchaseOrderNumber = purchaseOrderNumber
        self.channel = channel
        self.channelOrderReference = channelOrderReference
        self.customer = customer
        self.currency = currency
        self.shipTo = shipTo
        self.lines = lines
        self.requestedDate = requestedDate
    }

    /// The `orders.order.received.v1` payload of this request, accepted for `channel` as order `orderID`.
    public func received(orderID: String, channel: String, receivedAt: Date) -> OrderReceived {
        OrderReceived(
            orderID: orderID, channel: channel, channelOrderReference: channelOrderReference, customer: customer,
            currency: currency, shipTo: shipTo,
            lines: lines.enumerated().map { index, line in
                OrderReceived.Line(lineNumber: index + 1, sku: line.sku, quantity: line.quantity, channelUnitPrice: line.unitPrice)
            },
            requestedDate: requestedDate, purchaseOrderNumber: purchaseOrderNumber, receivedAt: receivedAt
        )
    }
}

import Foundation
