import Foundation

/// `orders.order.confirmed.v1`: pricing, inventory and credit all approved the order; shipments creates one
/// shipment per warehouse allocation, inventory keeps the reservation until dispatch, finance keeps the credit
/// hold until it invoices.
///
/// Carries the priced lines and the warehouse allocations (event-carried state), so no consumer needs another read.
public struct OrderConfirmed: EventPayload, Hashable {
    public static let eventType: EventType = "orders.order.confirmed.v1"

    /// One confirmed line at Wholesail's price.
    public struct Line: Codable, Sendable, Hashable {
        public var lineNumber: Int
        public var sku: String
        public var quantity: Int
        public var unitPrice: Money
        /// `unitPrice × quantity`, exact.
        public var extendedAmount: Money
        /// The product's tax class, when the price list gives one.
        public var category: String?

        public init(lineNumber: Int, sku: String, quantity: Int, unitPrice: Money, extendedAmount: Money, category: String? = nil) {
            self.lineNumber = lineNumber
            self.sku = sku
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.extendedAmount = extendedAmount
            self.category = category
        }
    }

    /// Units of a SKU reserved in a warehouse.
    public struct Allocation: Codable, Sendable, Hashable {
        public var warehouse: String
        public var sku: String
        public var quantity: Int

        public init(warehouse: String, sku: String, quantity: Int) {
            self.warehouse = warehouse
            self.sku = sku
            self.quantity = quantity
        }
    }

    public var orderID: String
    public var channel: String
    public var channelOrderReference: String
    public var customer: String
    public var currency: Currency
    public var shipTo: PostalAddress
    public var requestedDate: String?
    /// The price version the lines were priced from.
    public var priceVersion: Int64
    public var lines: [Line]
    /// Sum of the extended amounts (net of tax).
    public var total: Money
    public var reservationID: String
    public var allocations: [Allocation]
    public var confirmedAt: Date

    public init(
        orderID: String, channel: String, channelOrderReference: String, customer: String, currency: Currency,
        shipTo: PostalAddress, requestedDate: String? = nil, priceVersion: Int64, lines: [Line], total: Money,
        reservationID: String, allocations: [Allocation], confirmedAt: Date
    ) {
        self.orderID = orderID
        self.channel = channel
        self.channelOrderReference = channelOrderReference
        self.customer = customer
        self.currency = currency
        self.shipTo = shipTo
        self.requestedDate = requestedDate
        self.priceVersion = priceVersion
        self.lines = lines
        self.total = total
        self.reservationID = reservationID
        self.allocations = allocations
        self.confirmedAt = confirmedAt
    }
}
