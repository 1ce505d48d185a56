import Foundation

/// What a committed import made: the new price version and how much changed.
public struct ImportReceipt: Sendable, Hashable, Codable {
    public var version: Int64
    public var subject: String
    public var id: String
    /// Rows in the imported document.
    public var rows: Int
    /// `pricing.price.changed.v1` events published (price lists only).
    public var changedPrices: Int
    public var publishedAt: Date
}
