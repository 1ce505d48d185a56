import Foundation

/// `pricing.price-version.published.v1`: an import committed and made a new price version active.
///
/// Every pricing instance reloads its quote snapshot on it, so instances agree; channels may use it to
/// invalidate their own caches.
public struct PriceVersionPublished: EventPayload, Hashable {
    public static let eventType: EventType = "pricing.price-version.published.v1"

    /// What the import replaced.
    public enum Subject: String, Codable, Sendable, Hashable {
        case priceList = "price-list"
        case agreement
        case promotion
        case customerGroup = "customer-group"
    }

    /// The new version; versions only grow.
    public var version: Int64
    public var subject: Subject
    /// The id of the price list, agreement, promotion or customer group.
    public var subjectID: String
    /// Rows (prices, agreement lines, promotion scope entries, members) in the imported document.
    public var rows: Int
    public var publishedAt: Date

    public init(version: Int64, subject: Subject, subjectID: String, rows: Int, publishedAt: Date) {
        self.version = version
        self.subject = subject
        self.subjectID = subjectID
        self.rows = rows
        self.publishedAt = publishedAt
    }
}
