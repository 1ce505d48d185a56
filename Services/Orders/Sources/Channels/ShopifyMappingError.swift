/// A Shopify order that cannot become a Wholesail order: every problem found, each with the JSON pointer into the
/// Shopify payload (`""` when the shop's configuration is at fault) and a sentence saying what to fix — usually the
/// shop's configuration (a variant without an ERP SKU, a company without an ERP customer), then replay the delivery.
public struct ShopifyMappingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var violations: [OrderRequestViolation]

    public init(violations: [OrderRequestViolation]) {
        self.violations = violations
    }

    public var description: String { violations.map(\.description).joined(separator: "; ") }
}
