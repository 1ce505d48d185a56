/// One line of a shipment: what it carries and how much of it has left.
public struct ShipmentLineState: Sendable, Hashable, Codable {
    public var lineNumber: Int
    public var sku: String
    public var quantity: Int
    public var dispatchedQuantity: Int

    public init(lineNumber: Int, sku: String, quantity: Int, dispatchedQuantity: Int = 0) {
        self.lineNumber = lineNumber
        self.sku = sku
        self.quantity = quantity
        self.dispatchedQuantity = dispatchedQuantity
    }

    /// Units still at the warehouse.
    public var openQuantity: Int { quantity - dispatchedQuantity }
}
