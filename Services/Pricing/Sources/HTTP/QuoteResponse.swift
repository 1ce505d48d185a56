import Contracts
import Foundation
import Hummingbird

/// The answer to `POST /v1/quotes`: every line's price with the rule that produced it, the totals, and the
/// one price version all of it came from.
public struct QuoteResponse: ResponseGenerator, Codable, Sendable {
    public struct Line: Codable, Sendable {
        public var lineNumber: Int
        public var sku: String
        public var quantity: Int
        public var unitPrice: Money
        public var extendedAmount: Money
        public var rule: PriceRule
        public var priceList: String
        public var listUnitPrice: Money
        public var category: String?
    }

    /// How current the snapshot the quote came from is.
    public struct Snapshot: Codable, Sendable {
        public var version: Int64
        public var loadedAt: Date
        /// When the database last confirmed this is its current version.
        public var verifiedAt: Date
        /// True when that was longer ago than the configured maximum age (`WHOLESAIL_PRICING_SNAPSHOT_MAX_AGE`).
        public var stale: Bool
    }

    public var customer: String
    public var currency: Currency
    public var at: Date
    public var priceVersion: Int64
    public var snapshot: Snapshot
    public var lines: [Line]
    public var total: Money

    /// The JSON response, written by ``QuoteResponseWriter`` (the bytes `StableJSON.encode(self)` would give).
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try QuoteResponseWriter.encode(self)))
        )
    }
}
