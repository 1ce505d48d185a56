/// One SKU and quantity to reserve (an order line; lines of the same SKU are summed before routing).
public struct StockLine: Sendable, Hashable {
    public var sku: String
    public var quantity: Int

    public init(sku: String, quantity: Int) {
        self.sku = sku
        self.quantity = quantity
    }
}
