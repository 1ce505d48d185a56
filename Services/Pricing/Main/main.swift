import Pricing
import ServiceKit

let configuration = ServiceConfiguration.loadOrExit(service: PricingService.name)
StructuredLogHandler.bootstrap(level: configuration.logLevel)
await PricingService.loadOrExit(configuration: configuration).runOrExit()
