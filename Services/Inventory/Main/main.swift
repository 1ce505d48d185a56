import Inventory
import ServiceKit

let configuration = ServiceConfiguration.loadOrExit(service: InventoryService.name)
StructuredLogHandler.bootstrap(level: configuration.logLevel)
await InventoryService.loadOrExit(configuration: configuration).runOrExit()
