import Foundation
import ServiceKit
import Testing

/// docker-compose.yml starts PostgreSQL, RabbitMQ, the ERP simulator and the five services in the right order, each
/// with its own credentials and a health check on its readiness route. (`docker-compose config -q`, run by
/// `deploy/local/stack validate-deployment`, checks the file against Compose's schema.)
@Suite("docker-compose.yml")
struct ComposeFileTests {
    static let programs = ["erp-simulator"] + RepositoryRoot.services

    static func services() throws -> [String: YAMLNode] {
        let compose = try YAMLDocument(parsing: RepositoryRoot.text("docker-compose.yml")).root
        return try #require(compose["services"]?.entries, "docker-compose.yml has a services mapping")
    }

    static func service(_ name: String) throws -> YAMLNode {
        try #require(try services()[name], "docker-compose.yml defines \(name)")
    }

    /// The port a program listens on in the local stack, which compose keeps inside and outside the container.
    static func localStackPort(_ program: String) throws -> Int {
        program == "erp-simulator" ? 28090 : try #require(ServiceConfiguration.localStackHTTPPorts[program])
    }

    @Test
    func composeRunsBothServersTheSimulatorAndTheFiveServices() throws {
        #expect(Set(try Self.services().keys) == Set(["postgres", "rabbitmq"] + Self.programs))
    }

    @Test
    func everyPublishedPortIsOnTheHostsLoopbackOnly() throws {
        for (name, service) in try Self.services() {
            for port in service["ports"]?.strings ?? [] {
                #expect(port.hasPrefix("127.0.0.1:"), "\(name) publishes \(port) beyond the host's loopback, with development credentials")
            }
        }
    }

    @Test(arguments: programs)
    func programIsBuiltFromTheWholesailDockerfile(program: String) throws {
        let service = try Self.service(program)
        #expect(service["build", "context"]?.string == ".")
        #expect(service["build", "dockerfile"]?.string == "deploy/docker/Dockerfile")
        #expect(service["image"]?.string == "wholesail:latest")
        let command = try #require(service["command"]?.strings)
        #expect(command.first == "/app/bin/\(program)")
    }

    @Test(arguments: programs)
    func programHasAReadinessHealthCheckOnItsPublishedPort(program: String) throws {
        let service = try Self.service(program)
        let port = try Self.localStackPort(program)
        let environment = try #require(service["environment"]?.stringEntries)
        #expect(environment["WHOLESAIL_HTTP_HOST"] == "0.0.0.0", "listens beyond the container's loopback")
        #expect(environment["WHOLESAIL_HTTP_PORT"] == "\(port)")
        #expect(service["ports"]?.strings == ["127.0.0.1:\(port):\(port)"], "published on the host's loopback only")
        let test = try #require(service["healthcheck", "test"]?.strings)
        #expect(test.first == "CMD")
        #expect(test.last == "http://127.0.0.1:\(port)\(HealthRoutes.readyPath)")
    }

    @Test(arguments: RepositoryRoot.services)
    func serviceStartsOnceItsServersAreHealthy(service: String) throws {
        let dependencies = try #require(try Self.service(service)["depends_on"]?.entries)
        var expected = ["postgres", "rabbitmq"]
        if service == "orders" || service == "finance" { expected.append("erp-simulator") }
        #expect(Set(dependencies.keys) == Set(expected))
        for (name, dependency) in dependencies {
            #expect(dependency["condition"]?.string == "service_healthy", "\(service) waits for \(name) to be healthy")
        }
    }

    @Test(arguments: RepositoryRoot.services)
    func serviceConnectsAsItsOwnDatabaseRoleAndBrokerUser(service: String) throws {
        let environment = try #require(try Self.service(service)["environment"]?.stringEntries)
        // Read by the service's own configuration code, exactly as the container will.
        let configuration = try ServiceConfiguration(service: service, environment: EnvironmentReader(environment))
        #expect(configuration.database.user == service)
        #expect(configuration.database.password == service)
        #expect(configuration.database.host == "postgres")
        #expect(configuration.database.port == 5432)
        #expect(configuration.database.database == "wholesail")
        #expect(configuration.amqp.username == service)
        #expect(configuration.amqp.password == service)
        #expect(configuration.amqp.host == "rabbitmq")
        #expect(configuration.amqp.port == 5672)
        #expect(configuration.amqp.virtualHost == "wholesail")
        #expect(configuration.httpHost == "0.0.0.0")
        _ = try DeployedServices.make(service, environment: environment)
    }

    @Test(arguments: ["orders", "finance"])
    func servicePostsToTheERPSimulatorContainer(service: String) throws {
        let environment = try #require(try Self.service(service)["environment"]?.stringEntries)
        let url = try #require(try DeployedServices.erpURL(of: service, environment: environment))
        let simulatorPort = try Self.localStackPort("erp-simulator")
        #expect(url.host == "erp-simulator")
        #expect(url.port == simulatorPort)
    }

    @Test(arguments: programs)
    func programGetsLongerToStopThanItsShutdownTimeout(program: String) throws {
        let gracePeriod = try #require(try Self.service(program)["stop_grace_period"]?.string)
        let seconds = try #require(Int(gracePeriod.dropLast()), "stop_grace_period \(gracePeriod) is written in seconds (40s)")
        #expect(gracePeriod.hasSuffix("s"))
        let shutdownTimeout = try ServiceConfiguration(service: "orders", environment: EnvironmentReader([:])).shutdownTimeout
        #expect(.seconds(seconds) > shutdownTimeout)
    }

    @Test
    func postgresRunsTheInitScriptAndWaitsForConnectionsOverTCP() throws {
        let postgres = try Self.service("postgres")
        let volumes = try #require(postgres["volumes"]?.strings)
        #expect(volumes.contains("./deploy/docker/postgres-init.sql:/docker-entrypoint-initdb.d/10-wholesail.sql:ro"))
        let test = try #require(postgres["healthcheck", "test"]?.strings)
        #expect(test.starts(with: ["CMD", "pg_isready"]))
        #expect(test.contains("127.0.0.1"), "over TCP: the image's initialisation server listens on its socket only")
        #expect(postgres["image"]?.string?.hasPrefix("postgres:15") == true)
    }

    @Test
    func rabbitMQLoadsTheDefinitionsOnBoot() throws {
        let rabbitmq = try Self.service("rabbitmq")
        #expect(rabbitmq["image"]?.string == "rabbitmq:3.12-management")
        let volumes = try #require(rabbitmq["volumes"]?.strings)
        #expect(volumes.contains("./deploy/rabbitmq/definitions.json:/etc/rabbitmq/definitions.json:ro"))
        #expect(volumes.contains("./deploy/rabbitmq/rabbitmq.conf:/etc/rabbitmq/conf.d/20-wholesail.conf:ro"))
        let configuration = try RepositoryRoot.text("deploy/rabbitmq/rabbitmq.conf")
        #expect(configuration.split(separator: "\n").contains("load_definitions = /etc/rabbitmq/definitions.json"))
        #expect(rabbitmq["healthcheck", "test"]?.strings == ["CMD", "rabbitmq-diagnostics", "-q", "ping"])
    }
}
