import Contracts
import Foundation
import Logging
import Messaging
import Persistence
import Pricing
import ServiceKit

/// The pricing benchmark's run: catalogue, service, load, table.
struct PricingBenchmark {
    struct Settings {
        var skus: Int
        var agreements: Int
        var lines: Int
        var rate: Int
        var duration: Duration
        var peakDuration: Duration
        var connections: Int
        var peakConnections: Int
    }

    let environment: BenchEnvironment
    let settings: Settings
    let databaseURL: String
    let amqpURL: String

    /// p99 at the offered rate must stay below this.
    static let latencyTarget: Duration = .milliseconds(2)
    /// Peak quotes/s as a share of the constant route's peak.
    static let peakTarget = 0.5

    func run() async throws {
        let schema = "bench_pricing_\(environment.runID)"
        let admin = PostgresPool(configuration: environment.database, maximumConnections: 2, logger: environment.logger)
        defer { Task { await admin.close() } }
        _ = try await admin.execute("CREATE SCHEMA \(schema)")
        let exchange = environment.brokerName("events")
        let serviceConfiguration = try ServiceConfiguration(service: schema, environment: EnvironmentReader([
            "WHOLESAIL_DATABASE_URL": databaseURL,
            "WHOLESAIL_AMQP_URL": amqpURL,
            "WHOLESAIL_HTTP_PORT": "0",
            "WHOLESAIL_HTTP_MAX_BODY_SIZE": "\(64 << 20)",
            "WHOLESAIL_EVENTS_EXCHANGE": exchange,
            "WHOLESAIL_LOG_LEVEL": "warning",
        ]))
        let service = try PricingService.make(
            configuration: serviceConfiguration, pricing: PricingConfiguration(), logger: environment.logger
        ).start()
        var constant: ConstantRouteServer?
        do {
            let port = try await service.httpPort()
            Console.progress("pricing service on 127.0.0.1:\(port), schema \(schema)")
            try await environment.waitUntilReady(service: "pricing", port: port)
            let catalogue = PricingBenchCatalogue(skus: settings.skus, agreements: settings.agreements)
            try await catalogue.load(port: port, databaseURL: databaseURL, schema: schema, logger: environment.logger)

            // The constant route returns a body the size of a real quote response.
            let sample = try await catalogue.quoteBodies(lines: settings.lines, count: 1)[0]
            let sampleResponse = try await BenchHTTP.post(port: port, path: "/v1/quotes", body: sample)
            guard sampleResponse.status == 200 else {
                throw BenchError("the sample quote failed with \(sampleResponse.status): \(String(decoding: sampleResponse.body, as: UTF8.self))")
            }
            Console.progress("sample quote: \(sampleResponse.body.count) bytes")
            constant = try await ConstantRouteServer.start(body: sampleResponse.body, logger: environment.logger)
            guard let constant else { return }

            let bodies = try await catalogue.quoteBodies(lines: settings.lines, count: 4096)
            let quotes = HTTPLoadGenerator(port: port) { index in
                HTTPLoadRequest(path: "/v1/quotes", headers: [(name: "Content-Type", value: "application/json")], body: bodies[index % bodies.count])
            }
            let constantLoad = HTTPLoadGenerator(port: constant.port) { _ in
                HTTPLoadRequest(path: "/constant", headers: [(name: "Content-Type", value: "application/json")], body: bodies[0])
            }

            Console.progress("fixed rate \(settings.rate)/s for \(settings.duration): constant route")
            let constantFixed = await constantLoad.runFixedRate(rate: settings.rate, duration: settings.duration, connections: settings.connections)
            Console.progress("  \(constantFixed.summary)")
            Console.progress("fixed rate \(settings.rate)/s for \(settings.duration): quotes")
            let quoteFixed = await quotes.runFixedRate(rate: settings.rate, duration: settings.duration, connections: settings.connections)
            Console.progress("  \(quoteFixed.summary)")
            Console.progress("peak for \(settings.peakDuration): constant route")
            let constantPeak = await constantLoad.runPeak(duration: settings.peakDuration, connections: settings.peakConnections)
            Console.progress("  \(constantPeak.summary)")
            Console.progress("peak for \(settings.peakDuration): quotes")
            let quotePeak = await quotes.runPeak(duration: settings.peakDuration, connections: settings.peakConnections)
            Console.progress("  \(quotePeak.summary)")

            report(quoteFixed: quoteFixed, constantFixed: constantFixed, quotePeak: quotePeak, constantPeak: constantPeak, responseBytes: sampleResponse.body.count)
            await constant.stop()
            try await service.shutdown()
        } catch {
            await constant?.stop()
            try? await service.shutdown()
            try? await environment.removeServiceObjects(admin: admin, schema: schema, exchange: exchange)
            throw error
        }
        try await environment.removeServiceObjects(admin: admin, schema: schema, exchange: exchange)
    }



    private func report(quoteFixed: HTTPLoadResult, constantFixed: HTTPLoadResult, quotePeak: HTTPLoadResult, constantPeak: HTTPLoadResult, responseBytes: Int) {
        func row(_ name: String, _ result: HTTPLoadResult) -> String {
            let latency = result.latency
            return Formatting.padded(name, 34)
                + Formatting.padded(Formatting.rate(result.requestsPerSecond), 12, right: true)
                + Formatting.padded(latency.map { Formatting.milliseconds($0.p50) } ?? "-", 10, right: true)
                + Formatting.padded(latency.map { Formatting.milliseconds($0.p99) } ?? "-", 10, right: true)
                + Formatting.padded(latency.map { Formatting.milliseconds($0.p999) } ?? "-", 10, right: true)
                + Formatting.padded(latency.map { Formatting.milliseconds($0.maximum) } ?? "-", 10, right: true)
                + Formatting.padded(Formatting.grouped(result.errors), 8, right: true)
        }
        Console.output()
        Console.output("wholesail-bench pricing — \(Formatting.grouped(settings.skus)) SKUs, \(Formatting.grouped(settings.agreements)) agreements, \(settings.lines)-line quotes, response \(responseBytes) bytes")
        Console.output(Formatting.padded("run", 34) + Formatting.padded("req/s", 12, right: true) + Formatting.padded("p50", 10, right: true)
            + Formatting.padded("p99", 10, right: true) + Formatting.padded("p99.9", 10, right: true) + Formatting.padded("max", 10, right: true)
            + Formatting.padded("errors", 8, right: true))
        Console.output(row("constant route, \(Formatting.grouped(settings.rate))/s offered", constantFixed))
        Console.output(row("quotes, \(Formatting.grouped(settings.rate))/s offered", quoteFixed))
        Console.output(row("constant route, peak (\(settings.peakConnections) conn)", constantPeak))
        Console.output(row("quotes, peak (\(settings.peakConnections) conn)", quotePeak))
        Console.output()
        let p99 = quoteFixed.latency?.p99
        let latencyMet = p99.map { $0 < Self.latencyTarget } ?? false && quoteFixed.errors == 0 && quoteFixed.notSent == 0
        let share = constantPeak.requestsPerSecond > 0 ? quotePeak.requestsPerSecond / constantPeak.requestsPerSecond : 0
        Console.output("quote p99 at \(Formatting.grouped(settings.rate))/s: \(p99.map(Formatting.milliseconds) ?? "-") (target < \(Formatting.milliseconds(Self.latencyTarget))) — \(latencyMet ? "met" : "short")")
        Console.output("peak quotes/s vs constant route: \(Formatting.percent(share)) (target ≥ \(Formatting.percent(Self.peakTarget))) — \(share >= Self.peakTarget ? "met" : "short")")
    }
}
