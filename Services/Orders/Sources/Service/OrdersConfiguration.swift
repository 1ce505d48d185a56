import Foundation
import ServiceKit

/// The orders service's own settings, read from the environment next to ``ServiceConfiguration``.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `WHOLESAIL_ORDERS_STEP_TIMEOUT` | `2m` | how long a step (pricing, inventory, credit) may take to answer |
/// | `WHOLESAIL_ORDERS_STEP_REREQUESTS` | `1` | how often an unanswered step is asked again before the order needs attention |
/// | `WHOLESAIL_ORDERS_DEADLINE_SWEEP_INTERVAL` | `5s` | how often overdue steps are looked for |
/// | `WHOLESAIL_ORDERS_ERP_URL` | `http://127.0.0.1:28090` | the ERP's order API (the local stack's erp-simulator) |
/// | `WHOLESAIL_ORDERS_ERP_TIMEOUT` | `10s` | one ERP call's time limit |
/// | `WHOLESAIL_ORDERS_ERP_RETRY_INITIAL` | `500ms` | first back-off after a failed posting (doubles, with jitter) |
/// | `WHOLESAIL_ORDERS_ERP_RETRY_MAXIMUM` | `30s` | longest back-off |
/// | `WHOLESAIL_ORDERS_ERP_BREAKER_FAILURES` | `5` | consecutive failures that open the circuit breaker |
/// | `WHOLESAIL_ORDERS_ERP_BREAKER_OPEN` | `10s` | how long the breaker stays open before one trial call |
/// | `WHOLESAIL_ORDERS_ERP_POLL_INTERVAL` | `1s` | how often the poster looks for work nobody woke it for (other instances) |
/// | `WHOLESAIL_ORDERS_RATE_LIMIT` | `100` | requests per second per API key (token bucket refill) |
/// | `WHOLESAIL_ORDERS_RATE_BURST` | `200` | token bucket size per API key |
/// | `WHOLESAIL_ORDERS_API_KEY_CACHE_TTL` | `5s` | how long a verified key is trusted without a database read (a revocation takes effect within it) |
/// | `WHOLESAIL_ORDERS_MAXIMUM_PAGE_SIZE` | `200` | most orders per page of `GET /v1/orders` |
/// | `WHOLESAIL_ORDERS_IDEMPOTENCY_RETENTION` | `168h` (7 days) | how long a stored `Idempotency-Key` answer is kept (a repeated channel order reference is still found after it) |
/// | `WHOLESAIL_ORDERS_SHOPIFY_ROTATION_WINDOW` | `24h` | how long a Shopify shop's previous webhook secret is still accepted after a new one is set |
/// | `WHOLESAIL_ORDERS_EDI_DELIVERY_TIMEOUT` | `10s` | one delivery of a generated EDI document to a partner's URL |
/// | `WHOLESAIL_ORDERS_EDI_RETRY_INITIAL` | `1s` | first back-off after a failed EDI document delivery (doubles) |
/// | `WHOLESAIL_ORDERS_EDI_RETRY_MAXIMUM` | `5m` | longest back-off between EDI document deliveries |
/// | `WHOLESAIL_ORDERS_EDI_POLL_INTERVAL` | `1s` | how often the EDI document sender looks for documents to deliver |
public struct OrdersConfiguration: Sendable {
    public var stepTimeout: Duration = .seconds(120)
    public var stepReRequests: Int = 1
    public var deadlineSweepInterval: Duration = .seconds(5)
    public var erpURL: URL = URL(filePath: "/")
    public var erpTimeout: Duration = .seconds(10)
    public var erpRetryInitial: Duration = .milliseconds(500)
    public var erpRetryMaximum: Duration = .seconds(30)
    public var erpBreakerFailures: Int = 5
    public var erpBreakerOpen: Duration = .seconds(10)
    public var erpPollInterval: Duration = .seconds(1)
    public var rateLimitPerSecond: Int = 100
    public var rateBurst: Int = 200
    public var apiKeyCacheTTL: Duration = .seconds(5)
    public var maximumPageSize: Int = 200
    public var idempotencyRetention: Duration = .seconds(7 * 86_400)
    public var shopifyRotationWindow: Duration = .seconds(86_400)
    public var ediDeliveryTimeout: Duration = .seconds(10)
    public var ediRetryInitial: Duration = .seconds(1)
    public var ediRetryMaximum: Duration = .seconds(300)
    public var ediPollInterval: Duration = .seconds(1)

    public static let defaultERPURL = "http://127.0.0.1:28090"

    public init() {
        erpURL = URL(string: Self.defaultERPURL) ?? URL(filePath: "/")
    }

    public init(environment: EnvironmentReader) throws(ConfigurationError) {
        self.init()
        stepTimeout = try environment.duration("WHOLESAIL_ORDERS_STEP_TIMEOUT", default: stepTimeout, in: .milliseconds(100) ... .seconds(7 * 86_400))
        stepReRequests = try environment.integer("WHOLESAIL_ORDERS_STEP_REREQUESTS", default: stepReRequests, in: 0...100)
        deadlineSweepInterval = try environment.duration("WHOLESAIL_ORDERS_DEADLINE_SWEEP_INTERVAL", default: deadlineSweepInterval, in: .milliseconds(50) ... .seconds(3600))
        erpURL = try environment.url("WHOLESAIL_ORDERS_ERP_URL", default: Self.defaultERPURL, schemes: ["http", "https"])
        erpTimeout = try environment.duration("WHOLESAIL_ORDERS_ERP_TIMEOUT", default: erpTimeout, in: .milliseconds(100) ... .seconds(600))
        erpRetryInitial = try environment.duration("WHOLESAIL_ORDERS_ERP_RETRY_INITIAL", default: erpRetryInitial, in: .milliseconds(10) ... .seconds(3600))
        erpRetryMaximum = try environment.duration("WHOLESAIL_ORDERS_ERP_RETRY_MAXIMUM", default: erpRetryMaximum, in: erpRetryInitial ... .seconds(86_400))
        erpBreakerFailures = try environment.integer("WHOLESAIL_ORDERS_ERP_BREAKER_FAILURES", default: erpBreakerFailures, in: 1...1000)
        erpBreakerOpen = try environment.duration("WHOLESAIL_ORDERS_ERP_BREAKER_OPEN", default: erpBreakerOpen, in: .milliseconds(10) ... .seconds(3600))
        erpPollInterval = try environment.duration("WHOLESAIL_ORDERS_ERP_POLL_INTERVAL", default: erpPollInterval, in: .milliseconds(10) ... .seconds(3600))
        rateLimitPerSecond = try environment.integer("WHOLESAIL_ORDERS_RATE_LIMIT", default: rateLimitPerSecond, in: 1...1_000_000)
        rateBurst = try environment.integer("WHOLESAIL_ORDERS_RATE_BURST", default: rateBurst, in: 1...1_000_000)
        apiKeyCacheTTL = try environment.duration("WHOLESAIL_ORDERS_API_KEY_CACHE_TTL", default: apiKeyCacheTTL, in: .zero ... .seconds(3600))
        maximumPageSize = try environment.integer("WHOLESAIL_ORDERS_MAXIMUM_PAGE_SIZE", default: maximumPageSize, in: 1...10_000)
        idempotencyRetention = try environment.duration("WHOLESAIL_ORDERS_IDEMPOTENCY_RETENTION", default: idempotencyRetention, in: .seconds(3600) ... .seconds(366 * 86_400))
        shopifyRotationWindow = try environment.duration("WHOLESAIL_ORDERS_SHOPIFY_ROTATION_WINDOW", default: shopifyRotationWindow, in: .zero ... .seconds(90 * 86_400))
        ediDeliveryTimeout = try environment.duration("WHOLESAIL_ORDERS_EDI_DELIVERY_TIMEOUT", default: ediDeliveryTimeout, in: .milliseconds(100) ... .seconds(600))
        ediRetryInitial = try environment.duration("WHOLESAIL_ORDERS_EDI_RETRY_INITIAL", default: ediRetryInitial, in: .milliseconds(10) ... .seconds(3600))
        ediRetryMaximum = try environment.duration("WHOLESAIL_ORDERS_EDI_RETRY_MAXIMUM", default: ediRetryMaximum, in: ediRetryInitial ... .seconds(86_400))
        ediPollInterval = try environment.duration("WHOLESAIL_ORDERS_EDI_POLL_INTERVAL", default: ediPollInterval, in: .milliseconds(10) ... .seconds(3600))
    }
}
