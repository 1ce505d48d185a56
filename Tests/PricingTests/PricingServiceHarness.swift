import Pricing
import ServiceKit
import WholesailTestSupport

/// The pricing service under ``ServiceHarness``, observing every `pricing.*` event.
enum PricingServiceHarness {
    static func with<Value: Sendable>(
        _ label: String,
        pricing: PricingConfiguration = PricingConfiguration(refreshInterval: .seconds(1)),
        _ body: @Sendable (ServiceHarness, PostgresTestSchema) async throws -> Value
    ) async throws -> Value {
        try await ServiceHarness.with(label, observing: "pricing.#", make: { configuration in
            try PricingService.make(configuration: configuration, pricing: pricing, logger: testLogger(configuration.service))
        }, body)
    }
}

extension ServiceHarness {
    func quote(_ json: String) async throws -> HTTPTestResponse {
        try await client.post("/v1/quotes", json: json)
    }
}
