import Foundation

/// Where the five services and the ERP simulator answer: the local stack's ports by default, or those of a suite
/// started by the integration tests.
public struct ServiceEndpoints: Sendable, Hashable {
    public var pricing: URL
    public var inventory: URL
    public var orders: URL
    public var shipments: URL
    public var finance: URL
    public var erpSimulator: URL

    public init(pricing: URL, inventory: URL, orders: URL, shipments: URL, finance: URL, erpSimulator: URL) {
        self.pricing = pricing
        self.inventory = inventory
        self.orders = orders
        self.shipments = shipments
        self.finance = finance
        self.erpSimulator = erpSimulator
    }

    /// The services on 127.0.0.1 at these ports.
    public static func loopback(pricing: Int, inventory: Int, orders: Int, shipments: Int, finance: Int, erpSimulator: Int) -> ServiceEndpoints {
        func url(_ port: Int) -> URL { URL(string: "http://127.0.0.1:\(port)")! }
        return ServiceEndpoints(pricing: url(pricing), inventory: url(inventory), orders: url(orders), shipments: url(shipments),
                                finance: url(finance), erpSimulator: url(erpSimulator))
    }

    /// The local stack's defaults (`deploy/local/stack up`).
    public static let localStack = loopback(pricing: 28081, inventory: 28082, orders: 28083, shipments: 28084, finance: 28085, erpSimulator: 28090)

    /// The local stack with the ports an environment overrides (`WHOLESAIL_<SERVICE>_HTTP_PORT`, as
    /// `.local/stack.env` exports them, and `WHOLESAIL_ERP_SIMULATOR_HTTP_PORT`); a missing or invalid port keeps
    /// the default.
    public static func localStack(environment: [String: String]) -> ServiceEndpoints {
        func port(_ variable: String, _ fallback: URL) -> Int {
            guard let text = environment[variable], let port = Int(text), (1...65535).contains(port) else { return fallback.port ?? 0 }
            return port
        }
        let defaults = localStack
        return loopback(
            pricing: port("WHOLESAIL_PRICING_HTTP_PORT", defaults.pricing),
            inventory: port("WHOLESAIL_INVENTORY_HTTP_PORT", defaults.inventory),
            orders: port("WHOLESAIL_ORDERS_HTTP_PORT", defaults.orders),
            shipments: port("WHOLESAIL_SHIPMENTS_HTTP_PORT", defaults.shipments),
            finance: port("WHOLESAIL_FINANCE_HTTP_PORT", defaults.finance),
            erpSimulator: port("WHOLESAIL_ERP_SIMULATOR_HTTP_PORT", defaults.erpSimulator)
        )
    }
}
