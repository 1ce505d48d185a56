import Finance
import Foundation
import Inventory
import Messaging
import Orders
import Pricing
import ServiceKit
import Shipments

/// The five services as their `main`s assemble them (no servers needed: nothing connects until a service runs), so
/// the deployment files can be checked against what the code declares and reads.
enum DeployedServices {
    /// The service built with `environment` (the defaults for an empty one).
    static func make(_ service: String, environment: [String: String] = [:]) throws -> WholesailService {
        let reader = EnvironmentReader(environment)
        let configuration = try ServiceConfiguration(service: service, environment: reader)
        switch service {
        case PricingService.name:
            return try PricingService.make(configuration: configuration, pricing: PricingConfiguration(environment: reader))
        case InventoryService.name:
            return try InventoryService.make(configuration: configuration, inventory: InventoryConfiguration(environment: reader))
        case OrdersService.name:
            return try OrdersService.make(configuration: configuration, orders: OrdersConfiguration(environment: reader))
        case ShipmentsService.name:
            return try ShipmentsService.make(configuration: configuration, shipments: ShipmentsConfiguration(environment: reader))
        case FinanceService.name:
            return try FinanceService.make(configuration: configuration, finance: FinanceConfiguration(environment: reader))
        default:
            throw DeploymentFileError("RepositoryRoot.services", "\(service) is not one of the five services")
        }
    }

    /// The topology the service declares at start-up with the default configuration — built as
    /// `WholesailService.assemble` builds it (its handlers' event types are the inbox's bindings).
    static func topology(of service: String) throws -> ServiceTopology {
        let wholesailService = try make(service)
        let configuration = wholesailService.configuration
        return ServiceTopology(
            service: wholesailService.name,
            bindingKeys: wholesailService.handlers.eventTypes,
            retryDelays: configuration.retryDelays,
            deliveryLimit: configuration.deliveryLimit,
            exchange: configuration.eventsExchange
        )
    }

    /// Where orders and finance post to the ERP, read as the services read it.
    static func erpURL(of service: String, environment: [String: String]) throws -> URL? {
        let reader = EnvironmentReader(environment)
        switch service {
        case OrdersService.name: return try OrdersConfiguration(environment: reader).erpURL
        case FinanceService.name: return try FinanceConfiguration(environment: reader).erpURL
        default: return nil
        }
    }
}
