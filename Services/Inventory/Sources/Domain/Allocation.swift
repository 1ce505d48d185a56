/// Units of one SKU reserved in one warehouse.
public struct Allocation: Sendable, Hashable {
    public var warehouse: String
    public var sku: String
    public var quantity: Int

    public init(warehouse: String, sku: String, quantity: Int) {
        self.warehouse = warehouse
        self.sku = sku
        self.quantity = quantity
    }
}
