/// A SKU the order needs more of than every warehouse together has available.
public struct Shortage: Sendable, Hashable {
    public var sku: String
    public var requested: Int
    public var available: Int

    public init(sku: String, requested: Int, available: Int) {
        self.sku = sku
        self.requested = requested
        self.available = available
    }
}
