import Foundation

/// One price version, loaded whole into memory: what quotes are served from.
///
/// Immutable and shared by reference: a quote takes the current snapshot once and prices every line from
/// it, so a quote can never mix two versions, however often imports swap snapshots underneath.
public final class PriceSnapshot: Sendable {
    /// The price version (0: nothing imported yet).
    public let version: Int64
    /// When the version was published (its import committed); nil for version 0.
    public let publishedAt: Date?
    /// When this process loaded it.
    public let loadedAt: Date
    public let calculator: PriceCalculator

    public init(version: Int64, publishedAt: Date?, loadedAt: Date = Date(), catalog: PriceCatalog) {
        self.version = version
        self.publishedAt = publishedAt
        self.loadedAt = loadedAt
        self.calculator = PriceCalculator(catalog: catalog)
    }

    public var catalog: PriceCatalog { calculator.catalog }
}
