import Finance
import Inventory
import Logging
import Orders
import Pricing
import ServiceKit
import Shipments

/// What each of the five services consumes, learnt from the services themselves rather than a copied list.
///
/// Each service is assembled with its `make(configuration:…)` — which builds its handlers and connects nowhere — and
/// its handlers' event types are read: they are exactly the binding keys the service's inbox gets at start-up.
enum ServiceCatalogue {
    /// The event types (binding keys) `service`'s inbox is bound to.
    /// - Throws: a usage error for a name that is not one of the five, a failure when the service cannot be assembled.
    static func eventTypes(of service: String) throws(WholesailctlError) -> [String] {
        guard LocalStack.services.contains(service) else {
            throw .usage("unknown service \"\(service)\"; one of \(LocalStack.services.joined(separator: ", "))")
        }
        // An empty environment: only the handlers matter, and they do not depend on settings.
        let environment = EnvironmentReader([:])
        let logger = Logger.silent("wholesailctl.\(service)")
        do {
            let configuration = try ServiceConfiguration(service: service, environment: environment)
            let assembled: WholesailService
            switch service {
            case PricingService.name:
                assembled = try PricingService.make(
                    configuration: configuration, pricing: try PricingConfiguration(environment: environment), logger: logger
                )
            case InventoryService.name:
                assembled = try InventoryService.make(
                    configuration: configuration, inventory: try InventoryConfiguration(environment: environment), logger: logger
                )
            case OrdersService.name:
                assembled = try OrdersService.make(
                    configuration: configuration, orders: try OrdersConfiguration(environment: environment), logger: logger
                )
            case ShipmentsService.name:
                assembled = try ShipmentsService.make(
                    configuration: configuration, shipments: try ShipmentsConfiguration(environment: environment), logger: logger
                )
            case FinanceService.name:
                assembled = try FinanceService.make(
                    configuration: configuration, finance: try FinanceConfiguration(environment: environment), logger: logger
                )
            default:
                throw WholesailctlError.usage("unknown service \"\(service)\"; one of \(LocalStack.services.joined(separator: ", "))")
            }
            return assembled.handlers.eventTypes
        } catch let error as WholesailctlError {
            throw error
        } catch {
            throw .failure("cannot assemble the \(service) service to read its bindings: \(error)")
        }
    }
}
