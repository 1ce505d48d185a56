import ArgumentParser
import Foundation
import SuiteDriver

/// Where the running services answer; the local stack's ports by default.
struct EndpointOptions: ParsableArguments {
    @Option(help: "Base URL of pricing.") var pricingURL = "http://127.0.0.1:28081"
    @Option(help: "Base URL of inventory.") var inventoryURL = "http://127.0.0.1:28082"
    @Option(help: "Base URL of orders.") var ordersURL = "http://127.0.0.1:28083"
    @Option(help: "Base URL of shipments.") var shipmentsURL = "http://127.0.0.1:28084"
    @Option(help: "Base URL of finance.") var financeURL = "http://127.0.0.1:28085"
    @Option(help: "Base URL of the ERP simulator.") var erpURL = "http://127.0.0.1:28090"

    func validate() throws {
        for (name, text) in [("--pricing-url", pricingURL), ("--inventory-url", inventoryURL), ("--orders-url", ordersURL),
                             ("--shipments-url", shipmentsURL), ("--finance-url", financeURL), ("--erp-url", erpURL)] {
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ValidationError("\(name) \(text) is not an http(s) URL")
            }
        }
    }

    var endpoints: ServiceEndpoints {
        // validate() has checked every URL.
        func url(_ text: String) -> URL { URL(string: text) ?? URL(fileURLWithPath: "/") }
        return ServiceEndpoints(pricing: url(pricingURL), inventory: url(inventoryURL), orders: url(ordersURL), shipments: url(shipmentsURL),
                                finance: url(financeURL), erpSimulator: url(erpURL))
    }
}
