import Foundation

/// Units of one SKU expected to arrive at one warehouse (a purchase order or a transfer), so that availability can
/// promise stock that is not on the shelf yet.
public struct InboundSupply: Sendable, Hashable {
    public var warehouse: String
    public var sku: String
    public var quantity: Int
    /// When the units are expected to be received; supply counts toward availability from this instant on.
    public var expectedDate: Date

    public init(warehouse: String, sku: String, quantity: Int, expectedDate: Date) {
        self.warehouse = warehouse
        self.sku = sku
        self.quantity = quantity
        self.expectedDate = expectedDate
    }
}
