import Contracts
import ERPSimulatorKit
import Finance
import Foundation
import Logging
import Messaging
import Persistence
import ServiceKit

/// The finance benchmark's run: the service in this process (own schema, private exchange) posting to an ERP
/// simulator in this process; customer accounts over HTTP; then credit checks, invoices from dispatches and one
/// settlement batch, each fed the way production feeds finance (events on the exchange) and observed the way
/// production sees it (finance's events on the broker); then the table.
struct FinanceBenchmark {
    struct Settings {
        var customers: Int
        var creditChecks: Int
        var invoices: Int
        /// Unsettled invoices in the settlement batch (the invoice run's, plus as many more as needed).
        var settlementInvoices: Int
        var poolSize: Int?
        /// Longest wait for one phase's answers (orders kept, decisions, invoices, the posting).
        var settleTimeout: Duration
    }

    /// The invoice path for `count` orders: their confirmations kept, then their dispatches invoiced.
    struct InvoicePath: Sendable {
        var tag: String
        /// `orders.order.confirmed.v1` published → the last order kept (polled every 50 ms); nil when not all were.
        var confirmationElapsed: Duration?
        var run: FinanceBenchRun
        /// Invoice rows of the run's orders (one per dispatch: more means a dispatch was invoiced twice).
        var invoiceRows: Int

        var confirmationsPerSecond: Double? {
            confirmationElapsed.map { Double(run.count) / max(Formatting.seconds($0), 0.001) }
        }
    }

    static let sampleTag = "sample"
    static let creditTag = "credit"
    static let invoiceTag = "invoice"
    static let settlementTag = "settle"
    /// Every customer's credit limit: 100,000,000.00 EUR, far above what a run holds, so every check approves.
    static let creditLimitMinor: Int64 = 10_000_000_000
    /// Concurrent `PUT /v1/customers/{id}` while importing the accounts.
    static let importConnections = 8

    let environment: BenchEnvironment
    let settings: Settings
    let databaseURL: String
    let amqpURL: String

    /// - Returns: whether the run was free of errors (lost or wrong answers, numbering gaps, a batch not posted once).
    func run() async throws -> Bool {
        let schema = "bench_finance_\(environment.runID)"
        let admin = PostgresPool(configuration: environment.database, maximumConnections: 2, logger: environment.logger)
        defer { Task { await admin.close() } }
        _ = try await admin.execute("CREATE SCHEMA \(schema)")
        let exchange = environment.brokerName("events")
        let observeQueue = environment.brokerName("finance-observe")

        let erp: RunningERPSimulator
        do {
            erp = try await ERPSimulator.start(logger: environment.logger)
        } catch {
            try? await environment.removeServiceObjects(admin: admin, schema: schema, exchange: exchange)
            throw BenchError("cannot start the ERP simulator: \(error)")
        }
        let service: RunningService
        let serviceConfiguration: ServiceConfiguration
        do {
            var variables = [
                "WHOLESAIL_DATABASE_URL": databaseURL,
                "WHOLESAIL_AMQP_URL": amqpURL,
                "WHOLESAIL_HTTP_PORT": "0",
                "WHOLESAIL_EVENTS_EXCHANGE": exchange,
                "WHOLESAIL_LOG_LEVEL": "error",
            ]
            if let poolSize = settings.poolSize { variables["WHOLESAIL_DATABASE_POOL_SIZE"] = "\(poolSize)" }
            serviceConfiguration = try ServiceConfiguration(service: schema, environment: EnvironmentReader(variables))
            var finance = FinanceConfiguration()
            finance.erpURL = erp.baseURL
            // Batches only on demand: the benchmark times the one it requests.
            finance.settlementScheduled = false
            service = try FinanceService.make(configuration: serviceConfiguration, finance: finance, logger: environment.logger).start()
        } catch {
            try? await erp.shutdown()
            try? await environment.removeServiceObjects(admin: admin, schema: schema, exchange: exchange)
            throw error
        }

        var observing: AMQPConnection?
        var publishing: AMQPConnection?
        var consumer: AMQPConsumer?
        var observerTask: Task<Void, Never>?
        let passed: Bool
        do {
            let port = try await service.httpPort()
            Console.progress(
                "finance service on 127.0.0.1:\(port), schema \(schema), database pool \(serviceConfiguration.databasePoolSize); "
                    + "ERP simulator at \(erp.baseURL.absoluteString)"
            )
            try await environment.waitUntilReady(service: "finance", port: port)

            // Everything finance publishes, to the observer's queue.
            let observingConnection = try await environment.connectBroker(role: "finance-observe")
            observing = observingConnection
            try await observingConnection.declare(ServiceTopology.shared(exchange: exchange).merging(Topology(
                queues: [QueueDeclaration(name: observeQueue, durable: false, exclusive: false, autoDelete: false)],
                bindings: [QueueBinding(queue: observeQueue, exchange: exchange, routingKey: "finance.#")]
            )))
            let publishingConnection = try await environment.connectBroker(role: "finance-publish")
            publishing = publishingConnection
            let observer = FinanceBenchObserver()
            let observed = try await observingConnection.consume(queue: observeQueue, prefetch: 1_000)
            consumer = observed
            observerTask = Task { await observer.observe(observed) }
            let publisher = FinanceBenchPublisher(exchange: exchange, connection: publishingConnection)
            let probe = FinanceBenchProbe(pool: admin, schema: schema)

            let importElapsed = try await importCustomers(port: port)
            try await checkSample(publisher: publisher, observer: observer)

            // 1. Credit checks.
            let credit = try await creditRun(publisher: publisher, observer: observer, admin: admin, schema: schema)

            // 2. Invoices from dispatch events (the confirmations first, then the tax rate, then the dispatches).
            let invoicing = try await invoicePath(
                tag: Self.invoiceTag, count: settings.invoices, label: "invoices from dispatches", publisher: publisher, observer: observer, probe: probe,
                admin: admin, schema: schema, port: port
            )
            let series = try await probe.invoiceSeries()

            // 3. One settlement batch of `settlementInvoices` unsettled invoices.
            let unsettled = try await probe.unsettledInvoices()
            var made = "\(Formatting.grouped(unsettled)) from the invoice run"
            var filler: InvoicePath?
            if unsettled < settings.settlementInvoices {
                let more = try await invoicePath(
                    tag: Self.settlementTag, count: settings.settlementInvoices - unsettled, label: "invoices for the settlement batch",
                    publisher: publisher, observer: observer, probe: probe, admin: admin, schema: schema, port: port
                )
                filler = more
                made += " + \(Formatting.grouped(more.run.count)) more made the same way (confirmations kept in "
                    + (more.confirmationElapsed.map { String(format: "%.1f s", Formatting.seconds($0)) } ?? "-")
                    + ", dispatches invoiced in \(String(format: "%.1f s", Formatting.seconds(more.run.elapsed))), \(Formatting.rate(more.run.perSecond)) invoices/s)"
            }
            try await probe.waitUntilPublished(timeout: settings.settleTimeout)
            let settlement = try await FinanceBenchSettlement(port: port, probe: probe, erp: erp, observer: observer, timeout: settings.settleTimeout)
                .run(made: made)
            let finalSeries = try await probe.invoiceSeries()

            let report = FinanceBenchReport(
                settings: settings, configuration: serviceConfiguration, importElapsed: importElapsed, credit: credit, invoicing: invoicing,
                seriesAfterInvoiceRun: series, filler: filler, seriesAtEnd: finalSeries, settlement: settlement, strays: observer.strays,
                undecodable: observer.undecodable
            )
            report.print()
            passed = !report.hasErrors

            await observed.cancel()
            await observerTask?.value
            try await service.shutdown()
            try await erp.shutdown()
        } catch {
            await consumer?.cancel()
            await observerTask?.value
            try? await service.shutdown()
            try? await erp.shutdown()
            try? await environment.removeServiceObjects(
                admin: admin, schema: schema, exchange: exchange, queues: [observeQueue], connections: [observing, publishing]
            )
            throw error
        }
        try await environment.removeServiceObjects(admin: admin, schema: schema, exchange: exchange, queues: [observeQueue], connections: [observing, publishing])
        return passed
    }

    /// `PUT /v1/customers/{id}` for every customer (EUR, generous limit, 30 days), a few at a time.
    private func importCustomers(port: Int) async throws -> Duration {
        Console.progress("importing \(Formatting.grouped(settings.customers)) customer accounts over HTTP")
        let limit = Money(minorUnits: Self.creditLimitMinor, currency: FinanceBenchEvents.currency).amountString
        let body = #"{"name":"Bench customer","creditLimit":{"amount":"\#(limit)","currency":"EUR"},"paymentTermsDays":30,"creditHold":false}"#
        let started = ContinuousClock.now
        for start in stride(from: 0, to: settings.customers, by: Self.importConnections) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in start..<min(settings.customers, start + Self.importConnections) {
                    group.addTask {
                        let id = FinanceBenchEvents.customerID(index)
                        let answer = try await BenchHTTP.put(port: port, path: "/v1/customers/\(id)", json: body)
                        guard answer.status == 201 || answer.status == 200 else {
                            throw BenchError("PUT /v1/customers/\(id) answered \(answer.status): \(String(decoding: answer.body.prefix(500), as: UTF8.self))")
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        return ContinuousClock.now - started
    }

    /// One priced order through the whole path (publish → credit check → outbox → broker → observer) before
    /// anything is measured.
    private func checkSample(publisher: FinanceBenchPublisher, observer: FinanceBenchObserver) async throws {
        observer.register(tag: Self.sampleTag, count: 1)
        _ = try await publisher.publish(count: 1, correlationID: { FinanceBenchEvents.orderID(tag: Self.sampleTag, number: $0) }) {
            FinanceBenchEvents.priced(tag: Self.sampleTag, number: $0, customers: settings.customers)
        }
        let (observations, _) = try await observer.waitUntilAnswered(tag: Self.sampleTag, what: "sample decisions", timeout: .seconds(60))
        let sample = observations.first.flatMap { $0 }
        guard case .creditApproved = sample?.answer else {
            let answer = sample.map { "\($0.answer)" } ?? "no answer within 60 s"
            throw BenchError("the sample credit check was not approved (\(answer)); see the service's errors above")
        }
        Console.progress("sample: pricing.order.priced.v1 → finance.credit.approved.v1")
    }

    /// `creditChecks` priced orders as fast as the broker takes them; every one must be approved.
    private func creditRun(publisher: FinanceBenchPublisher, observer: FinanceBenchObserver, admin: PostgresPool, schema: String) async throws -> FinanceBenchRun {
        let count = settings.creditChecks
        Console.progress("credit checks: publishing \(Formatting.grouped(count)) pricing.order.priced.v1 over \(Formatting.grouped(settings.customers)) customers")
        observer.register(tag: Self.creditTag, count: count)
        let database = BackendCPUSampler(admin: admin, applicationPrefix: schema)
        try await database.start()
        let cpuBefore = ProcessCPUTime.now()
        let published = try await publisher.publish(count: count, correlationID: { FinanceBenchEvents.orderID(tag: Self.creditTag, number: $0) }) {
            FinanceBenchEvents.priced(tag: Self.creditTag, number: $0, customers: settings.customers)
        }
        let (observations, duplicates) = try await observer.waitUntilAnswered(tag: Self.creditTag, what: "credit decisions", timeout: settings.settleTimeout)
        let cpu = ProcessCPUTime.now() - cpuBefore
        let databaseCPU = await database.stop()
        let run = FinanceBenchRun(
            label: "credit checks", published: published, observations: observations, duplicates: duplicates, cpu: cpu, databaseCPU: databaseCPU
        ) { number, answer in
            switch answer {
            case .creditApproved(let amount):
                let expected = FinanceBenchEvents.netMinor(number: number)
                return amount == expected ? nil : "order \(number) approved for \(amount) minor units, priced at \(expected)"
            case .creditRejected(let reason):
                return "order \(number) rejected: \(reason)"
            case .invoicePosted:
                return "order \(number) got an invoice instead of a credit decision"
            }
        }
        Console.progress(
            "  \(Formatting.grouped(run.answered)) approved in \(String(format: "%.2f s", Formatting.seconds(run.elapsed))): \(Formatting.rate(run.perSecond)) checks/s, "
                + "p50 \(Self.milliseconds(run.latency?.p50)), p99 \(Self.milliseconds(run.latency?.p99))"
        )
        return run
    }

    /// Confirms `count` orders and waits until finance kept them all; sets the tax rate; publishes one dispatch of all
    /// units per order and waits for every invoice.
    private func invoicePath(
        tag: String, count: Int, label: String, publisher: FinanceBenchPublisher, observer: FinanceBenchObserver, probe: FinanceBenchProbe,
        admin: PostgresPool, schema: String, port: Int
    ) async throws -> InvoicePath {
        Console.progress("\(label): publishing \(Formatting.grouped(count)) orders.order.confirmed.v1")
        let confirmed = try await publisher.publish(count: count, correlationID: { FinanceBenchEvents.orderID(tag: tag, number: $0) }) {
            FinanceBenchEvents.confirmed(tag: tag, number: $0, customers: settings.customers)
        }
        let kept = try await probe.waitUntil(count, what: "orders kept", timeout: settings.settleTimeout) { try await probe.keptOrders(tag: tag) }
        guard let kept else { throw BenchError("finance did not keep all \(count) confirmed orders of run \(tag); see the service's errors above") }
        let confirmationElapsed = confirmed.first.map { kept - $0 }
        if let confirmationElapsed {
            Console.progress("  \(Formatting.grouped(count)) orders kept in \(String(format: "%.2f s", Formatting.seconds(confirmationElapsed)))")
        }

        try await setTaxRate(port: port)
        Console.progress("\(label): publishing \(Formatting.grouped(count)) shipments.shipment.dispatched.v1 (all units)")
        observer.register(tag: tag, count: count)
        let database = BackendCPUSampler(admin: admin, applicationPrefix: schema)
        try await database.start()
        let cpuBefore = ProcessCPUTime.now()
        let published = try await publisher.publish(count: count, correlationID: { FinanceBenchEvents.orderID(tag: tag, number: $0) }) {
            FinanceBenchEvents.dispatched(tag: tag, number: $0)
        }
        let (observations, duplicates) = try await observer.waitUntilAnswered(tag: tag, what: "invoices", timeout: settings.settleTimeout)
        let cpu = ProcessCPUTime.now() - cpuBefore
        let databaseCPU = await database.stop()
        let run = FinanceBenchRun(
            label: label, published: published, observations: observations, duplicates: duplicates, cpu: cpu, databaseCPU: databaseCPU
        ) { number, answer in
            guard case .invoicePosted(let invoiceNumber, let net, let tax, let total) = answer else {
                return "order \(number) got \(answer) instead of an invoice"
            }
            let expectedNet = FinanceBenchEvents.netMinor(number: number)
            let expectedTax = FinanceBenchEvents.taxMinor(number: number)
            guard net == expectedNet, tax == expectedTax, total == net + tax else {
                return "invoice \(invoiceNumber) of order \(number): net \(net), tax \(tax), total \(total) minor units; expected \(expectedNet) + \(expectedTax)"
            }
            return nil
        }
        Console.progress(
            "  \(Formatting.grouped(run.answered)) invoiced in \(String(format: "%.2f s", Formatting.seconds(run.elapsed))): \(Formatting.rate(run.perSecond)) invoices/s, "
                + "p50 \(Self.milliseconds(run.latency?.p50)), p99 \(Self.milliseconds(run.latency?.p99))"
        )
        return InvoicePath(tag: tag, confirmationElapsed: confirmationElapsed, run: run, invoiceRows: try await probe.invoices(tag: tag))
    }

    /// `PUT /v1/tax-rates/DE/standard` 19 %.
    private func setTaxRate(port: Int) async throws {
        let path = "/v1/tax-rates/\(FinanceBenchEvents.taxRegion)/\(FinanceBenchEvents.taxClass)"
        let answer = try await BenchHTTP.put(port: port, path: path, json: #"{"ratePercent":"\#(FinanceBenchEvents.taxPercent)"}"#)
        guard answer.status == 200 else {
            throw BenchError("PUT \(path) answered \(answer.status): \(String(decoding: answer.body.prefix(500), as: UTF8.self))")
        }
    }

    /// Milliseconds with one decimal, or `-`.
    static func milliseconds(_ duration: Duration?) -> String {
        duration.map { Formatting.milliseconds($0) } ?? "-"
    }
}
