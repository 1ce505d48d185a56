import Contracts
import Foundation
import SuiteDriver
import WholesailTestSupport

/// The whole suite for one test run: the ERP simulator and the five services as separate processes, started from the
/// built binaries on a PostgreSQL database and a RabbitMQ virtual host of their own, each service with its own
/// database role and broker user — driven only through their HTTP APIs (``client``) and the broker.
///
/// Started once for the scenarios by ``RunningSuiteTrait``; everything is stopped, dropped and deleted afterwards,
/// also when a scenario fails.
final class SuiteUnderTest: Sendable {
    /// The suite the current scenario runs against (set by ``RunningSuiteTrait``).
    @TaskLocal static var current: SuiteUnderTest?

    static let services = ["pricing", "inventory", "orders", "shipments", "finance"]
    static let simulatorName = "erp-simulator"
    /// The channel of the suite's API key.
    static let channel = "it"
    /// Services' share of the test process's service budget (`ServiceHarness.running`) while the suite runs.
    static let servicePermits = 3

    /// `wholesail_it_<random>`: the database and the virtual host.
    let name: String
    /// Where every process writes its log (`.local/logs/it-<random>/` of the checkout, or a temporary folder).
    let logFolder: String
    let endpoints: ServiceEndpoints
    /// A client acting for channel ``channel``.
    let client: SuiteClient
    private let processes: [String: ServiceProcess]

    private init(name: String, logFolder: String, processes: [String: ServiceProcess], client: SuiteClient) {
        self.name = name
        self.logFolder = logFolder
        self.processes = processes
        self.client = client
        endpoints = client.endpoints
    }

    // MARK: - Life cycle

    /// Provisions, starts, runs `body`, and tears everything down whatever `body` did.
    static func run(_ body: @Sendable (SuiteUnderTest) async throws -> Void) async throws {
        for _ in 0..<servicePermits { await ServiceHarness.running.acquire() }
        let outcome: Result<Void, any Error>
        do {
            try await provisionAndRun(body)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        for _ in 0..<servicePermits { await ServiceHarness.running.release() }
        try outcome.get()
    }

    private static func provisionAndRun(_ body: @Sendable (SuiteUnderTest) async throws -> Void) async throws {
        let suffix = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(10)
        let name = "wholesail_it_\(suffix)"
        let binaries = try binaryFolder()
        let logFolder = try makeLogFolder("it-\(suffix)")
        log("suite \(name): binaries from \(binaries), logs in \(logFolder)")

        let database: IsolatedDatabase
        let virtualHost: IsolatedVirtualHost
        do {
            database = try await IsolatedDatabase.create(name: name, services: services)
        } catch {
            tidyLogs(logFolder)
            throw error
        }
        do {
            virtualHost = try await IsolatedVirtualHost.create(name: name, services: services)
        } catch {
            try? await database.drop()
            tidyLogs(logFolder)
            throw error
        }

        var outcome: Result<Void, any Error> = .success(())
        var started: SuiteUnderTest?
        do {
            let suite = try await start(name: name, binaries: binaries, logFolder: logFolder, database: database, virtualHost: virtualHost) { started = $0 }
            try await body(suite)
        } catch {
            outcome = .failure(error)
            log("suite \(name) failed: \(error) — logs in \(logFolder)")
        }
        if let started { await started.stopAll() }
        var cleanup: [String] = []
        do { try await database.drop() } catch { cleanup.append("dropping database \(name): \(error)") }
        do { try await virtualHost.delete() } catch { cleanup.append("deleting virtual host \(name): \(error)") }
        tidyLogs(logFolder)
        try outcome.get()
        guard cleanup.isEmpty else { throw SuiteSetupError("the suite ran, but its clean-up failed: \(cleanup.joined(separator: "; "))") }
    }

    /// Builds the processes, starts the simulator, then the five services, waits until all are ready and creates the
    /// channel API key. `register` receives the suite before anything starts, so a failed start is still torn down.
    private static func start(
        name: String, binaries: String, logFolder: String, database: IsolatedDatabase, virtualHost: IsolatedVirtualHost,
        register: (SuiteUnderTest) -> Void
    ) async throws -> SuiteUnderTest {
        let amqp = try brokerAddress()
        let inherited = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("WHOLESAIL_") }
        var ports: [String: Int] = [:]
        for program in [simulatorName] + services { ports[program] = try LoopbackPort.free() }
        let simulatorURL = "http://127.0.0.1:\(ports[simulatorName] ?? 0)"

        var processes: [String: ServiceProcess] = [:]
        processes[simulatorName] = ServiceProcess(
            name: simulatorName, executable: "\(binaries)/\(simulatorName)",
            environment: inherited.merging([
                "WHOLESAIL_HTTP_HOST": "127.0.0.1",
                "WHOLESAIL_HTTP_PORT": String(ports[simulatorName] ?? 0),
                "WHOLESAIL_LOG_LEVEL": "warning",
                "WHOLESAIL_SHUTDOWN_TIMEOUT": "5s",
            ]) { _, new in new },
            port: ports[simulatorName] ?? 0, logFile: "\(logFolder)/\(simulatorName).log"
        )
        for service in services {
            let environment: [String: String] = [
                "WHOLESAIL_DATABASE_URL": database.url(service: service),
                "WHOLESAIL_AMQP_URL": "amqp://\(service):\(service)@\(amqp.host):\(amqp.port)/\(virtualHost.name)",
                "WHOLESAIL_HTTP_HOST": "127.0.0.1",
                "WHOLESAIL_HTTP_PORT": String(ports[service] ?? 0),
                "WHOLESAIL_LOG_LEVEL": "warning",
                "WHOLESAIL_DATABASE_POOL_SIZE": "4",
                // Fast retries, but several of them: a handler that meets a restarting neighbour is not parked at once.
                "WHOLESAIL_RETRY_DELAYS": "200ms,200ms,500ms,1s,2s",
                "WHOLESAIL_OUTBOX_POLL_INTERVAL": "200ms",
                "WHOLESAIL_SHUTDOWN_TIMEOUT": "5s",
                "WHOLESAIL_ORDERS_ERP_URL": simulatorURL,
                "WHOLESAIL_ORDERS_ERP_POLL_INTERVAL": "200ms",
                "WHOLESAIL_ORDERS_ERP_RETRY_INITIAL": "100ms",
                "WHOLESAIL_ORDERS_ERP_RETRY_MAXIMUM": "2s",
                "WHOLESAIL_FINANCE_ERP_URL": simulatorURL,
                "WHOLESAIL_FINANCE_SETTLEMENT_SCHEDULE": "false",
                "WHOLESAIL_FINANCE_POSTING_RETRY_INITIAL": "100ms",
                "WHOLESAIL_FINANCE_POSTING_RETRY_MAXIMUM": "2s",
            ]
            processes[service] = ServiceProcess(
                name: service, executable: "\(binaries)/\(service)", environment: inherited.merging(environment) { _, new in new },
                port: ports[service] ?? 0, logFile: "\(logFolder)/\(service).log"
            )
        }
        let endpoints = ServiceEndpoints.loopback(
            pricing: ports["pricing"] ?? 0, inventory: ports["inventory"] ?? 0, orders: ports["orders"] ?? 0,
            shipments: ports["shipments"] ?? 0, finance: ports["finance"] ?? 0, erpSimulator: ports[simulatorName] ?? 0
        )
        let anonymous = SuiteClient(endpoints: endpoints)
        let unkeyed = SuiteUnderTest(name: name, logFolder: logFolder, processes: processes, client: anonymous)
        register(unkeyed)

        let begun = ContinuousClock.now
        guard let simulator = processes[simulatorName] else { throw SuiteSetupError("no simulator process") }
        try simulator.start()
        try await simulator.waitUntilReady(client: anonymous)
        for service in services { try processes[service]?.start() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in services {
                guard let process = processes[service] else { continue }
                group.addTask { try await process.waitUntilReady(client: anonymous) }
            }
            try await group.waitForAll()
        }
        let key = try await createAPIKey(orders: processes["orders"], logFolder: logFolder)
        log("suite \(name): six processes ready in \(ContinuousClock.now - begun)")
        return SuiteUnderTest(name: name, logFolder: logFolder, processes: processes, client: anonymous.withAPIKey(key))
    }

    /// SIGTERM to every process (services first, then the simulator), SIGKILL to any still running after 20 s.
    private func stopAll() async {
        await withTaskGroup(of: Void.self) { group in
            for service in Self.services {
                guard let process = processes[service] else { continue }
                group.addTask { await process.stop() }
            }
        }
        await processes[Self.simulatorName]?.stop()
    }

    // MARK: - Chaos

    /// SIGKILLs a service process (no graceful shutdown) and returns once it is gone.
    func kill(_ service: String) async throws {
        guard let process = processes[service] else { throw SuiteSetupError("no process named \(service)") }
        try await process.kill()
    }

    /// Starts a killed service again — same environment, same port — and waits until it is ready.
    func restart(_ service: String) async throws {
        guard let process = processes[service] else { throw SuiteSetupError("no process named \(service)") }
        try process.start()
        try await process.waitUntilReady(client: client)
    }

    // MARK: - Waiting

    /// Polls `probe` every 200 ms until it returns a value; errors thrown by `probe` (a service restarting) count as
    /// "not yet". Throws after `timeout`, naming what was awaited, the last error and the logs.
    @discardableResult
    func waitFor<Value: Sendable>(
        _ what: String, timeout: Duration = .seconds(90), _ probe: () async throws -> Value?
    ) async throws -> Value {
        let deadline = ContinuousClock.now + timeout
        var lastError: (any Error)?
        while true {
            do {
                if let value = try await probe() { return value }
                lastError = nil
            } catch {
                lastError = error
            }
            guard ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let last = lastError.map { "; the last attempt failed: \($0)" } ?? ""
        throw SuiteSetupError("timed out after \(timeout) waiting for \(what)\(last). Logs: \(logFolder)")
    }

    /// Polls the order until `condition` holds; on timeout the error shows where the order stands.
    @discardableResult
    func waitForOrder(_ orderID: String, _ what: String, timeout: Duration = .seconds(90), until condition: (OrderDocument) -> Bool) async throws -> OrderDocument {
        var last: OrderDocument?
        do {
            return try await waitFor("order \(orderID) \(what)", timeout: timeout) { () async throws -> OrderDocument? in
                let order = try await client.order(id: orderID)
                last = order
                return condition(order) ? order : nil
            }
        } catch {
            guard let last else { throw error }
            let timeline = last.timeline.map { "\($0.state)\($0.detail.map { " (\($0))" } ?? "")" }.joined(separator: ", ")
            throw SuiteSetupError("\(error) — order \(orderID) is \(last.status)\(last.attentionReason.map { " [\($0)]" } ?? ""); timeline: \(timeline)")
        }
    }

    // MARK: - Set-up details

    /// `WHOLESAIL_TEST_BIN_PATH`, else the folder of the running test executable (`.build/debug`, which
    /// `swift build --build-tests` fills with every product).
    private static func binaryFolder() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let folder: String
        if let configured = environment["WHOLESAIL_TEST_BIN_PATH"], !configured.isEmpty {
            folder = configured
        } else {
            let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".")
            folder = executable.deletingLastPathComponent().standardizedFileURL.path
        }
        let missing = ([simulatorName] + services).filter { !FileManager.default.isExecutableFile(atPath: "\(folder)/\($0)") }
        guard missing.isEmpty else {
            throw SuiteSetupError(
                "the integration tests start the built binaries, but \(missing.joined(separator: ", ")) are missing in \(folder); run `swift build --build-tests` (which builds every product) first, or point WHOLESAIL_TEST_BIN_PATH at the folder holding them"
            )
        }
        return folder
    }

    /// `<checkout>/.local/logs/<name>` when the local stack's data folder exists, else a temporary folder.
    private static func makeLogFolder(_ name: String) throws -> String {
        // Tests/IntegrationTests/SuiteUnderTest.swift → <checkout>
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let local = checkout.appendingPathComponent(".local")
        let base = FileManager.default.fileExists(atPath: local.path) ? local.appendingPathComponent("logs") : FileManager.default.temporaryDirectory
        let folder = base.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.path
    }

    /// Host and port of the broker the test URL (`WHOLESAIL_TEST_AMQP_URL`) names.
    private static func brokerAddress() throws -> (host: String, port: Int) {
        guard let components = URLComponents(string: AMQPTestEnvironment.url), let host = components.host else {
            throw SuiteSetupError("WHOLESAIL_TEST_AMQP_URL=\(AMQPTestEnvironment.url) is not an amqp://user:password@host:port/vhost URL")
        }
        return (host, components.port ?? 5672)
    }

    /// Runs `orders api-keys create --channel it` with the orders service's environment and reads the printed key.
    private static func createAPIKey(orders: ServiceProcess?, logFolder: String) async throws -> String {
        guard let orders else { throw SuiteSetupError("no orders process") }
        let output = "\(logFolder)/orders-api-keys.log"
        let command = try ChildProcess.spawn(
            name: "orders api-keys create", executable: orders.executable, arguments: ["api-keys", "create", "--channel", channel],
            environment: orders.environment, logFile: output
        )
        guard let status = await command.waitForExit(timeout: .seconds(60)) else {
            command.send(SIGKILL)
            throw SuiteSetupError("`orders api-keys create` did not finish within 60 s; see \(output)")
        }
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        if status == 0 { try? FileManager.default.removeItem(atPath: output) }
        guard status == 0, let key = text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { $0.hasPrefix("wsk_") }) else {
            throw SuiteSetupError("`orders api-keys create --channel \(channel)` exited with \(status) and printed no key: \(text.prefix(1000))")
        }
        return key
    }

    /// Removes the empty log files (at `warning`, a clean run logs nothing) and the folder when nothing is left, so
    /// only logs worth reading stay behind.
    private static func tidyLogs(_ folder: String) {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for file in files {
            let path = "\(folder)/\(file)"
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            if size == 0 { try? FileManager.default.removeItem(atPath: path) }
        }
        if ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).isEmpty {
            try? FileManager.default.removeItem(atPath: folder)
        } else {
            log("logs kept in \(folder)")
        }
    }

    private static func log(_ line: String) {
        FileHandle.standardError.write(Data("IntegrationTests: \(line)\n".utf8))
    }
}
