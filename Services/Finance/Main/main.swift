import Finance
import ServiceKit

let configuration = ServiceConfiguration.loadOrExit(service: FinanceService.name)
StructuredLogHandler.bootstrap(level: configuration.logLevel)
await FinanceService.loadOrExit(configuration: configuration).runOrExit()
