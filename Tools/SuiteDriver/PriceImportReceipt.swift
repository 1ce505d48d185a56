import Foundation

/// What pricing answers to an import: the new price version (quotes and orders use it from now on).
public struct PriceImportReceipt: Codable, Sendable, Hashable {
    public var version: Int64
    /// `price-list`, `agreement`, `promotion` or `customer-group`.
    public var subject: String
    public var id: String
    public var rows: Int
    public var changedPrices: Int
    public var publishedAt: Date
}
