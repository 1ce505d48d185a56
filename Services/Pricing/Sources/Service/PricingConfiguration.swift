import Foundation
import ServiceKit

/// The pricing service's own settings, read from the environment next to ``ServiceConfiguration``.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `WHOLESAIL_PRICING_SNAPSHOT_MAX_AGE` | `60s` | a quote says `stale: true` when the database last confirmed its price version longer ago than this |
/// | `WHOLESAIL_PRICING_REFRESH_INTERVAL` | `5s` | how often each instance checks the database for a newer version (events usually arrive first) |
/// | `WHOLESAIL_PRICING_PRICE_TOLERANCE_PERCENT` | `0.5` | a channel unit price further than this from Wholesail's is flagged in `pricing.order.priced.v1` |
public struct PricingConfiguration: Sendable {
    public var snapshotMaximumAge: Duration
    public var refreshInterval: Duration
    /// Percent of Wholesail's unit price, e.g. 0.5.
    public var priceTolerancePercent: Decimal

    public init(snapshotMaximumAge: Duration = .seconds(60), refreshInterval: Duration = .seconds(5), priceTolerancePercent: Decimal = Decimal(string: "0.5") ?? 0) {
        self.snapshotMaximumAge = snapshotMaximumAge
        self.refreshInterval = refreshInterval
        self.priceTolerancePercent = priceTolerancePercent
    }

    /// Reads the settings; the first invalid one is a ``ConfigurationError``.
    public init(environment: EnvironmentReader) throws(ConfigurationError) {
        self.init()
        snapshotMaximumAge = try environment.duration("WHOLESAIL_PRICING_SNAPSHOT_MAX_AGE", default: snapshotMaximumAge, in: .seconds(1) ... .seconds(86_400))
        refreshInterval = try environment.duration("WHOLESAIL_PRICING_REFRESH_INTERVAL", default: refreshInterval, in: .milliseconds(100) ... .seconds(3600))
        if let text = environment.value("WHOLESAIL_PRICING_PRICE_TOLERANCE_PERCENT") {
            guard text.wholeMatch(of: /[0-9]{1,3}(\.[0-9]{1,4})?/) != nil, let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), value <= 100 else {
                throw ConfigurationError(variable: "WHOLESAIL_PRICING_PRICE_TOLERANCE_PERCENT", value: text, expected: "a percentage from 0 to 100 such as 0.5")
            }
            priceTolerancePercent = value
        }
    }
}
