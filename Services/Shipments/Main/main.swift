import ServiceKit
import Shipments

let configuration = ServiceConfiguration.loadOrExit(service: ShipmentsService.name)
StructuredLogHandler.bootstrap(level: configuration.logLevel)
await ShipmentsService.loadOrExit(configuration: configuration).runOrExit()
