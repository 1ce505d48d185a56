import ERPSimulatorKit
import ServiceKit

let configuration = ERPSimulatorConfiguration.loadOrExit()
StructuredLogHandler.bootstrap(level: configuration.logLevel)
await ERPSimulator(configuration: configuration).runOrExit()
