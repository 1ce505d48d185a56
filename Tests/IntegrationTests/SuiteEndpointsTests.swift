import Foundation
import SuiteDriver
import Testing

/// The local stack's endpoints are the ports README.md documents.
@Suite("Suite endpoints")
struct SuiteEndpointsTests {
    @Test func theLocalStackUsesTheDocumentedPorts() {
        let stack = ServiceEndpoints.localStack
        #expect([stack.pricing, stack.inventory, stack.orders, stack.shipments, stack.finance, stack.erpSimulator].map { $0.port } ==
                [28081, 28082, 28083, 28084, 28085, 28090])
    }
}

/// The ports `.local/stack.env` exports override the defaults, one service at a time.
@Suite("Suite endpoints from the environment")
struct SuiteEndpointsEnvironmentTests {
    @Test func aServicePortFromTheEnvironmentReplacesOnlyThatServicesDefault() {
        let endpoints = ServiceEndpoints.localStack(environment: ["WHOLESAIL_ORDERS_HTTP_PORT": "38083", "WHOLESAIL_ERP_SIMULATOR_HTTP_PORT": "38090"])
        #expect([endpoints.pricing, endpoints.inventory, endpoints.orders, endpoints.shipments, endpoints.finance, endpoints.erpSimulator].map { $0.port } ==
                [28081, 28082, 38083, 28084, 28085, 38090])
    }

    @Test func anInvalidPortInTheEnvironmentKeepsTheDefault() {
        let endpoints = ServiceEndpoints.localStack(environment: ["WHOLESAIL_PRICING_HTTP_PORT": "not-a-port", "WHOLESAIL_FINANCE_HTTP_PORT": "70000"])
        #expect(endpoints.pricing.port == 28081)
        #expect(endpoints.finance.port == 28085)
    }
}
