import Foundation
import ServiceKit

/// The shipments service's own settings, read from the environment next to ``ServiceConfiguration``.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `WHOLESAIL_SHIPMENTS_WEBHOOK_RETRY_PERIOD` | `24h` | how long a webhook delivery is retried before it is marked failed |
/// | `WHOLESAIL_SHIPMENTS_WEBHOOK_RETRY_INITIAL` | `1s` | first back-off after a failed attempt (doubles, with jitter) |
/// | `WHOLESAIL_SHIPMENTS_WEBHOOK_RETRY_MAXIMUM` | `10m` | longest back-off between two attempts |
/// | `WHOLESAIL_SHIPMENTS_WEBHOOK_TIMEOUT` | `10s` | how long one attempt may take (a hung receiver counts as failed) |
/// | `WHOLESAIL_SHIPMENTS_WEBHOOK_POLL_INTERVAL` | `1s` | how often due deliveries are looked for when nothing woke the dispatcher |
/// | `WHOLESAIL_SHIPMENTS_WEBHOOK_CONCURRENCY` | `32` | deliveries in flight at once across all subscribers (one per subscriber at a time) |
/// | `WHOLESAIL_SHIPMENTS_WEBHOOK_RETENTION` | `720h` (30 days) | how long delivered and failed deliveries are kept (then deleted) |
/// | `WHOLESAIL_SHIPMENTS_WEBHOOK_PURGE_INTERVAL` | `10m` | how often deliveries past the retention are deleted |
/// | `WHOLESAIL_SHIPMENTS_MAXIMUM_PAGE_SIZE` | `200` | most items per page of a list |
public struct ShipmentsConfiguration: Sendable {
    public var webhookRetryPeriod: Duration = .seconds(24 * 3600)
    public var webhookRetryInitial: Duration = .seconds(1)
    public var webhookRetryMaximum: Duration = .seconds(600)
    public var webhookTimeout: Duration = .seconds(10)
    public var webhookPollInterval: Duration = .seconds(1)
    public var webhookConcurrency: Int = 32
    public var webhookRetention: Duration = .seconds(30 * 86_400)
    public var webhookPurgeInterval: Duration = .seconds(600)
    public var maximumPageSize: Int = 200

    public init() {}

    public init(environment: EnvironmentReader) throws(ConfigurationError) {
        self.init()
        webhookRetryPeriod = try environment.duration("WHOLESAIL_SHIPMENTS_WEBHOOK_RETRY_PERIOD", default: webhookRetryPeriod, in: .seconds(1) ... .seconds(30 * 86_400))
        webhookRetryInitial = try environment.duration("WHOLESAIL_SHIPMENTS_WEBHOOK_RETRY_INITIAL", default: webhookRetryInitial, in: .milliseconds(10) ... .seconds(3600))
        webhookRetryMaximum = try environment.duration("WHOLESAIL_SHIPMENTS_WEBHOOK_RETRY_MAXIMUM", default: webhookRetryMaximum, in: webhookRetryInitial ... .seconds(86_400))
        webhookTimeout = try environment.duration("WHOLESAIL_SHIPMENTS_WEBHOOK_TIMEOUT", default: webhookTimeout, in: .milliseconds(100) ... .seconds(300))
        webhookPollInterval = try environment.duration("WHOLESAIL_SHIPMENTS_WEBHOOK_POLL_INTERVAL", default: webhookPollInterval, in: .milliseconds(10) ... .seconds(3600))
        webhookConcurrency = try environment.integer("WHOLESAIL_SHIPMENTS_WEBHOOK_CONCURRENCY", default: webhookConcurrency, in: 1...1000)
        webhookRetention = try environment.duration("WHOLESAIL_SHIPMENTS_WEBHOOK_RETENTION", default: webhookRetention, in: .seconds(60) ... .seconds(3660 * 86_400))
        webhookPurgeInterval = try environment.duration("WHOLESAIL_SHIPMENTS_WEBHOOK_PURGE_INTERVAL", default: webhookPurgeInterval, in: .milliseconds(100) ... .seconds(86_400))
        maximumPageSize = try environment.integer("WHOLESAIL_SHIPMENTS_MAXIMUM_PAGE_SIZE", default: maximumPageSize, in: 1...10_000)
    }
}
