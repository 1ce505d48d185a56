import Contracts
import Foundation

/// Finance's read copy of a confirmed order: its priced lines (with what is invoiced so far) and ship-to.
public struct FinanceOrder: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        public var priced: PricedLine
        public var invoicedQuantity: Int
        public var invoicedNet: Money
    }

    public var orderID: String
    public var customer: String
    public var currency: Currency
    public var shipTo: PostalAddress
    public var lines: [Line]

    var invoicedSoFar: [InvoicedSoFar] {
        lines.map { InvoicedSoFar(lineNumber: $0.priced.lineNumber, quantity: $0.invoicedQuantity, net: $0.invoicedNet) }
    }
}
