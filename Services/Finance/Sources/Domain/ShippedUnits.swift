/// Units of one order line that left the warehouse with a dispatch: what an invoice may bill.
public struct ShippedUnits: Sendable, Hashable {
    public var lineNumber: Int
    /// Units shipped; must be at least 1.
    public var quantity: Int

    public init(lineNumber: Int, quantity: Int) {
        self.lineNumber = lineNumber
        self.quantity = quantity
    }
}
