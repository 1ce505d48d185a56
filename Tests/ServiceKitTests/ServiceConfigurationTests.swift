import Foundation
import Logging
import Messaging
import ServiceKit
import Testing

@Suite("Service configuration")
struct ServiceConfigurationTests {
    @Test func defaultsMatchTheLocalStackForEachService() throws {
        let expectedPorts = ["pricing": 28081, "inventory": 28082, "orders": 28083, "shipments": 28084, "finance": 28085]
        for (service, port) in expectedPorts {
            let configuration = try ServiceConfiguration(service: service, environment: EnvironmentReader([:]))
            #expect(configuration.httpPort == port)
            #expect(configuration.httpHost == "127.0.0.1")
            #expect(configuration.database.host == "127.0.0.1")
            #expect(configuration.database.port == 25432)
            #expect(configuration.database.user == service)
            #expect(configuration.database.password == service)
            #expect(configuration.database.database == "wholesail")
            #expect(configuration.database.applicationName == service)
            #expect(configuration.database.searchPath == [service])
            #expect(configuration.amqp.host == "127.0.0.1")
            #expect(configuration.amqp.port == 25672)
            #expect(configuration.amqp.username == service)
            #expect(configuration.amqp.password == service)
            #expect(configuration.amqp.virtualHost == "wholesail")
        }
    }

    @Test func otherDefaults() throws {
        let configuration = try ServiceConfiguration(service: "shipments", environment: EnvironmentReader([:]))
        #expect(configuration.logLevel == .info)
        #expect(configuration.databasePoolSize == 10)
        #expect(configuration.consumerPrefetch == 64)
        #expect(configuration.consumerConcurrency == 1)
        #expect(configuration.consumerBatchSize == 16)
        #expect(configuration.retryDelays == [.seconds(1), .seconds(10), .seconds(60)])
        #expect(configuration.eventsExchange == ServiceTopology.eventsExchange)
        #expect(configuration.outboxPollInterval == .seconds(1))
        #expect(configuration.shutdownTimeout == .seconds(30))
        #expect(configuration.maximumRequestBodySize == 1 << 20)
    }

    @Test func unknownServiceGetsTheFallbackPort() throws {
        #expect(try ServiceConfiguration(service: "returns", environment: EnvironmentReader([:])).httpPort == 8080)
    }

    @Test func environmentOverridesEveryDefault() throws {
        let configuration = try ServiceConfiguration(service: "orders", environment: EnvironmentReader([
            "WHOLESAIL_DATABASE_URL": "postgresql://app:pw@db.internal:5433/shop?application_name=orders-1",
            "WHOLESAIL_AMQP_URL": "amqp://app:pw@mq.internal:5673/prod",
            "WHOLESAIL_HTTP_HOST": "0.0.0.0",
            "WHOLESAIL_HTTP_PORT": "0",
            "WHOLESAIL_HTTP_MAX_BODY_SIZE": "2048",
            "WHOLESAIL_LOG_LEVEL": "DEBUG",
            "WHOLESAIL_DATABASE_POOL_SIZE": "3",
            "WHOLESAIL_CONSUMER_PREFETCH": "200",
            "WHOLESAIL_CONSUMER_CONCURRENCY": "8",
            "WHOLESAIL_CONSUMER_BATCH_SIZE": "1",
            "WHOLESAIL_RETRY_DELAYS": "250ms,2s",
            "WHOLESAIL_DELIVERY_LIMIT": "5",
            "WHOLESAIL_EVENTS_EXCHANGE": "staging.events",
            "WHOLESAIL_OUTBOX_POLL_INTERVAL": "100ms",
            "WHOLESAIL_OUTBOX_BATCH_SIZE": "50",
            "WHOLESAIL_READINESS_TIMEOUT": "500ms",
            "WHOLESAIL_SHUTDOWN_TIMEOUT": "1m",
        ]))
        #expect(configuration.database.host == "db.internal")
        #expect(configuration.database.port == 5433)
        #expect(configuration.database.database == "shop")
        #expect(configuration.database.applicationName == "orders-1")
        #expect(configuration.amqp.host == "mq.internal")
        #expect(configuration.amqp.virtualHost == "prod")
        #expect(configuration.httpHost == "0.0.0.0")
        #expect(configuration.httpPort == 0)
        #expect(configuration.maximumRequestBodySize == 2048)
        #expect(configuration.logLevel == .debug)
        #expect(configuration.databasePoolSize == 3)
        #expect(configuration.consumerPrefetch == 200)
        #expect(configuration.consumerConcurrency == 8)
        #expect(configuration.consumerBatchSize == 1)
        #expect(configuration.retryDelays == [.milliseconds(250), .seconds(2)])
        #expect(configuration.deliveryLimit == 5)
        #expect(configuration.eventsExchange == "staging.events")
        #expect(configuration.outboxPollInterval == .milliseconds(100))
        #expect(configuration.outboxBatchSize == 50)
        #expect(configuration.readinessTimeout == .milliseconds(500))
        #expect(configuration.shutdownTimeout == .seconds(60))
    }

    @Test func pricingAndOrdersRunFourHandlerLanesByDefaultAndAnyServiceAsManyAsTold() throws {
        #expect(try ServiceConfiguration(service: "pricing", environment: EnvironmentReader([:])).consumerConcurrency == 4)
        #expect(try ServiceConfiguration(service: "orders", environment: EnvironmentReader([:])).consumerConcurrency == 4)
        let told = try ServiceConfiguration(service: "inventory", environment: EnvironmentReader(["WHOLESAIL_CONSUMER_CONCURRENCY": "3"]))
        #expect(told.consumerConcurrency == 3)
    }

    @Test(arguments: [
        ("WHOLESAIL_HTTP_PORT", "70000"),
        ("WHOLESAIL_LOG_LEVEL", "loud"),
        ("WHOLESAIL_DATABASE_POOL_SIZE", "0"),
        ("WHOLESAIL_CONSUMER_PREFETCH", "many"),
        ("WHOLESAIL_CONSUMER_CONCURRENCY", "-1"),
        ("WHOLESAIL_CONSUMER_BATCH_SIZE", "0"),
        ("WHOLESAIL_RETRY_DELAYS", "1s,soon"),
        ("WHOLESAIL_OUTBOX_POLL_INTERVAL", "1"),
        ("WHOLESAIL_SHUTDOWN_TIMEOUT", "0s"),
        ("WHOLESAIL_HTTP_HOST", "local host"),
        ("WHOLESAIL_EVENTS_EXCHANGE", "two words"),
    ])
    func invalidValueFailsWithOneLineNamingTheVariable(variable: String, value: String) {
        let error = #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration(service: "orders", environment: EnvironmentReader([variable: value]))
        }
        #expect(error?.variable == variable)
        #expect(error?.description.hasPrefix("\(variable)=\"\(value)\" is invalid: expected ") == true)
        #expect(error?.description.contains("\n") == false)
    }

    @Test func invalidDatabaseURLNamesTheVariableAndHidesThePassword() {
        let error = #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration(service: "orders", environment: EnvironmentReader([
                "WHOLESAIL_DATABASE_URL": "mysql://orders:hunter2@127.0.0.1/wholesail",
            ]))
        }
        #expect(error?.variable == "WHOLESAIL_DATABASE_URL")
        #expect(error?.description.contains("hunter2") == false)
        #expect(error?.description.contains("postgresql://") == true)
    }

    @Test func invalidAMQPURLNamesTheVariableAndHidesThePassword() {
        let error = #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration(service: "orders", environment: EnvironmentReader([
                "WHOLESAIL_AMQP_URL": "amqps://orders:hunter2@127.0.0.1/wholesail",
            ]))
        }
        #expect(error?.variable == "WHOLESAIL_AMQP_URL")
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test(arguments: ["Orders", "", "9lives", "orders-service", String(repeating: "a", count: 49)])
    func invalidServiceNameIsRejected(name: String) {
        let error = #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration(service: name, environment: EnvironmentReader([:]))
        }
        #expect(error?.variable == "service name")
    }
}
