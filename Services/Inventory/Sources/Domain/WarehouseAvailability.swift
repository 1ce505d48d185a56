/// What one warehouse can promise of one SKU: the row of an available-to-promise answer.
public struct WarehouseAvailability: Sendable, Hashable {
    public var warehouse: String
    /// On hand − reserved, never below zero.
    public var availableNow: Int
    /// ``availableNow`` plus the inbound supply due by the requested date.
    public var availableByDate: Int
    /// Whether ``availableByDate`` covers the requested quantity; nil when no quantity was asked for.
    public var canFill: Bool?

    public init(warehouse: String, availableNow: Int, availableByDate: Int, canFill: Bool?) {
        self.warehouse = warehouse
        self.availableNow = availableNow
        self.availableByDate = availableByDate
        self.canFill = canFill
    }
}
