import Foundation
import Logging
import Outbox
import Persistence
import Prometheus
import ServiceKit
import ServiceLifecycle
import Synchronization

/// The finance service assembled: credit checks, invoices and credit notes from the broker; accounts, tax settings,
/// payments, settlement and reconciliation over HTTP; the settlement scheduler and ledger poster in the background.
public enum FinanceService {
    public static let name = "finance"

    /// The finance schema's migrations (after the outbox's).
    public static func migrations() throws(MigrationError) -> [Migration] {
        try Migration.load(bundle: Bundle.module, module: "Finance")
    }

    /// The service, ready to run or start. `ledger` and `taxEngine` replace the HTTP ERP ledger and the rate table.
    public static func make(
        configuration: ServiceConfiguration, finance: FinanceConfiguration, ledger: (any ERPLedger)? = nil, taxEngine: TaxEngine? = nil,
        logger: Logger? = nil
    ) throws -> WholesailService {
        let logger = logger ?? Logger(label: name)
        let registry = PrometheusCollectorRegistry()
        let metricsFactory = PrometheusMetricsFactory(registry: registry)
        let store = FinanceStore(outbox: try OutboxWriter(schema: configuration.service))
        let ledger = ledger ?? HTTPERPLedger(baseURL: finance.erpURL, timeout: finance.erpTimeout)
        let taxEngine = taxEngine ?? .table(rounding: finance.taxRounding)
        let controls = SettlementControls(variancePercentThreshold: finance.variancePercentThreshold)
        let posterSignal = WakeSignal()
        var handlers = EventHandlers()
        CreditChecker(store: store, metricsFactory: metricsFactory).register(on: &handlers)
        InvoiceIssuer(store: store, configuration: finance, taxEngine: taxEngine, metricsFactory: metricsFactory).register(on: &handlers)
        ReturnRefunder(store: store, configuration: finance, taxEngine: taxEngine).register(on: &handlers)
        return WholesailService(
            name: configuration.service,
            configuration: configuration,
            migrations: try migrations(),
            handlers: handlers,
            logger: logger,
            metricsRegistry: registry,
            routes: { router, dependencies in
                let assembler = SettlementAssembler(store: store, pool: dependencies.pool, controls: controls, maximumEntries: finance.settlementMaximumEntries)
                FinanceRoutes(store: store, pool: dependencies.pool, assembler: assembler, wakePoster: { posterSignal.signal() }).register(on: router)
            },
            backgroundServices: { dependencies in
                let assembler = SettlementAssembler(store: store, pool: dependencies.pool, controls: controls, maximumEntries: finance.settlementMaximumEntries)
                let poster = SettlementPoster(store: store, pool: dependencies.pool, ledger: ledger, configuration: finance,
                                              logger: dependencies.logger, metricsFactory: metricsFactory, signal: posterSignal)
                var services: [any Service] = [poster]
                if finance.settlementScheduled {
                    services.append(SettlementScheduler(assembler: assembler, poster: poster, interval: finance.settlementInterval, logger: dependencies.logger))
                }
                return services
            }
        )
    }

    /// For `main`: the service from the environment, or one line on standard error and exit status 1.
    public static func loadOrExit(configuration: ServiceConfiguration, environment: EnvironmentReader = EnvironmentReader()) -> WholesailService {
        do {
            return try make(configuration: configuration, finance: try FinanceConfiguration(environment: environment))
        } catch {
            StandardError.exit(service: name, reason: "\(error)")
        }
    }
}
