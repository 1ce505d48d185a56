import Foundation

/// A return authorised by orders, waiting for (or partly past) its goods.
public struct ExpectedReturn: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        public var lineNumber: Int
        public var sku: String
        public var quantity: Int
        public var receivedQuantity: Int

        /// Units authorised and not yet received.
        public var openQuantity: Int { quantity - receivedQuantity }
    }

    public var rma: String
    public var orderID: String
    public var channel: String
    public var customer: String
    public var reason: String
    public var authorizedAt: Date
    public var lines: [Line]
}
