import Foundation
import ServiceKit
import Testing

/// deploy/k8s/<service>/ holds a Deployment, Service, ConfigMap, PodDisruptionBudget and an example Secret that agree
/// with each other and with the services. (`kubernetes-validate --strict`, run by `deploy/local/stack
/// validate-deployment`, checks each manifest against the Kubernetes schemas.)
@Suite("Kubernetes manifests")
struct KubernetesManifestTests {
    static let programs = RepositoryRoot.services + ["erp-simulator"]

    static func manifest(_ program: String, _ file: String) throws -> YAMLNode {
        try YAMLDocument(parsing: RepositoryRoot.text("deploy/k8s/\(program)/\(file)")).root
    }

    static func podSpec(_ program: String) throws -> YAMLNode {
        try #require(try manifest(program, "deployment.yaml")["spec", "template", "spec"], "\(program)'s Deployment has a pod template")
    }

    static func container(_ program: String) throws -> YAMLNode {
        let containers = try #require(try podSpec(program)["containers"]?.items)
        try #require(containers.count == 1, "\(program)'s pod runs one container")
        return containers[0]
    }

    static func configMapData(_ program: String) throws -> [String: String] {
        try #require(try manifest(program, "configmap.yaml")["data"]?.stringEntries, "\(program)'s ConfigMap has string data")
    }

    static func matchLabels(_ node: YAMLNode?) -> [String: String] {
        node?["matchLabels"]?.stringEntries ?? node?.stringEntries ?? [:]
    }

    static func isSubset(_ selector: [String: String], of labels: [String: String]) -> Bool {
        !selector.isEmpty && selector.allSatisfy { labels[$0.key] == $0.value }
    }

    @Test(arguments: RepositoryRoot.services)
    func serviceFolderHoldsTheFourManifestsAndTheSecretExample(service: String) throws {
        let expected: [(file: String, apiVersion: String, kind: String, name: String)] = [
            ("deployment.yaml", "apps/v1", "Deployment", service),
            ("service.yaml", "v1", "Service", service),
            ("configmap.yaml", "v1", "ConfigMap", "\(service)-config"),
            ("pdb.yaml", "policy/v1", "PodDisruptionBudget", service),
            ("secret.example.yaml", "v1", "Secret", "\(service)-credentials"),
        ]
        for (file, apiVersion, kind, name) in expected {
            let manifest = try Self.manifest(service, file)
            #expect(manifest["apiVersion"]?.string == apiVersion, "\(service)/\(file)")
            #expect(manifest["kind"]?.string == kind, "\(service)/\(file)")
            #expect(manifest["metadata", "name"]?.string == name, "\(service)/\(file)")
        }
    }

    @Test
    func simulatorFolderHoldsItsDeploymentServiceAndConfigMap() throws {
        for (file, kind) in [("deployment.yaml", "Deployment"), ("service.yaml", "Service"), ("configmap.yaml", "ConfigMap")] {
            #expect(try Self.manifest("erp-simulator", file)["kind"]?.string == kind)
        }
    }

    @Test(arguments: programs)
    func deploymentRunsTheProgramFromTheWholesailImage(program: String) throws {
        let container = try Self.container(program)
        #expect(container["image"]?.string == "wholesail:latest")
        let command = try #require(container["command"]?.strings)
        #expect(command == (program == "orders" ? ["/app/bin/orders", "serve"] : ["/app/bin/\(program)"]))
        #expect(container["envFrom"]?.items?.first?["configMapRef", "name"]?.string == "\(program)-config")
    }

    @Test(arguments: programs)
    func probesUseTheHealthRoutesOnTheContainerPort(program: String) throws {
        let container = try Self.container(program)
        let port = try #require(container["ports"]?.items?.first)
        let portName = try #require(port["name"]?.string)
        let settings = try Self.configMapData(program)
        #expect(port["containerPort"]?.string == settings["WHOLESAIL_HTTP_PORT"])
        #expect(settings["WHOLESAIL_HTTP_HOST"] == "0.0.0.0")
        #expect(container["livenessProbe", "httpGet", "path"]?.string == HealthRoutes.livePath)
        #expect(container["livenessProbe", "httpGet", "port"]?.string == portName)
        #expect(container["readinessProbe", "httpGet", "path"]?.string == HealthRoutes.readyPath)
        #expect(container["readinessProbe", "httpGet", "port"]?.string == portName)
    }

    @Test(arguments: RepositoryRoot.services)
    func deploymentReadsDatabaseAndBrokerURLsFromTheServiceSecret(service: String) throws {
        let environment = try #require(try Self.container(service)["env"]?.items)
        let secretExample = try Self.manifest(service, "secret.example.yaml")
        let secretKeys = try #require(secretExample["stringData"]?.entries?.keys)
        for (variable, key) in [("WHOLESAIL_DATABASE_URL", "database-url"), ("WHOLESAIL_AMQP_URL", "amqp-url")] {
            let entry = try #require(environment.first { $0["name"]?.string == variable }, "\(service) sets \(variable)")
            #expect(entry["value"] == nil, "\(variable) is never written into the manifest")
            #expect(entry["valueFrom", "secretKeyRef", "name"]?.string == "\(service)-credentials")
            #expect(entry["valueFrom", "secretKeyRef", "key"]?.string == key)
            #expect(secretKeys.contains(key), "secret.example.yaml shows the key \(key)")
        }
    }

    @Test(arguments: RepositoryRoot.services)
    func configMapAndSecretShapeMakeAValidConfiguration(service: String) throws {
        var environment = try Self.configMapData(service)
        let secret = try #require(try Self.manifest(service, "secret.example.yaml")["stringData"]?.stringEntries)
        environment["WHOLESAIL_DATABASE_URL"] = secret["database-url"]
        environment["WHOLESAIL_AMQP_URL"] = secret["amqp-url"]
        // The service's own configuration code accepts every value, as it will in the pod.
        let wholesailService = try DeployedServices.make(service, environment: environment)
        #expect(wholesailService.configuration.database.user == service)
        #expect(wholesailService.configuration.amqp.username == service)
        #expect(wholesailService.configuration.amqp.virtualHost == "wholesail")
    }

    @Test(arguments: ["orders", "finance"])
    func servicePostsToTheERPThroughItsClusterService(service: String) throws {
        let url = try #require(try DeployedServices.erpURL(of: service, environment: Self.configMapData(service)))
        let simulator = try Self.manifest("erp-simulator", "service.yaml")
        #expect(url.host == simulator["metadata", "name"]?.string)
        #expect(simulator["spec", "ports"]?.items?.first?["port"]?.string == String(url.port ?? 80))
    }

    @Test(arguments: programs)
    func podGetsLongerToStopThanThePreStopPauseAndTheShutdownTimeout(program: String) throws {
        let podSpec = try Self.podSpec(program)
        let gracePeriod = try #require(podSpec["terminationGracePeriodSeconds"]?.string.flatMap { Int($0) })
        let shutdownTimeout = try EnvironmentReader(Self.configMapData(program))
            .duration("WHOLESAIL_SHUTDOWN_TIMEOUT", default: .seconds(30))
        let preStop = try #require(try Self.container(program)["lifecycle", "preStop", "exec", "command"]?.strings)
        #expect(preStop.first == "sleep")
        let pause = try #require(preStop.last.flatMap { Int($0) })
        #expect(.seconds(gracePeriod) > shutdownTimeout + .seconds(pause))
    }

    @Test(arguments: RepositoryRoot.services)
    func serviceAndDisruptionBudgetSelectTheDeploymentsPods(service: String) throws {
        let deployment = try Self.manifest(service, "deployment.yaml")
        let podLabels = try #require(deployment["spec", "template", "metadata", "labels"]?.stringEntries)
        #expect(Self.isSubset(Self.matchLabels(deployment["spec", "selector"]), of: podLabels))
        let clusterService = try Self.manifest(service, "service.yaml")
        #expect(Self.isSubset(Self.matchLabels(clusterService["spec", "selector"]), of: podLabels))
        #expect(clusterService["spec", "ports"]?.items?.first?["targetPort"]?.string == "http")
        let budget = try Self.manifest(service, "pdb.yaml")
        #expect(Self.isSubset(Self.matchLabels(budget["spec", "selector"]), of: podLabels))
        let minimum = try #require(budget["spec", "minAvailable"]?.string.flatMap { Int($0) })
        let replicas = try #require(deployment["spec", "replicas"]?.string.flatMap { Int($0) })
        #expect(minimum >= 1 && minimum < replicas, "a drain may take one pod while another keeps serving")
    }

    @Test(arguments: programs)
    func containerHasResourceRequestsAndAMemoryLimit(program: String) throws {
        let resources = try #require(try Self.container(program)["resources"])
        #expect(resources["requests", "cpu"] != nil)
        #expect(resources["requests", "memory"] != nil)
        #expect(resources["limits", "memory"] != nil)
    }

    @Test(arguments: programs)
    func podRunsAsTheImagesNonRootUser(program: String) throws {
        let securityContext = try #require(try Self.podSpec(program)["securityContext"])
        #expect(securityContext["runAsNonRoot"]?.string == "true")
        let dockerfile = try RepositoryRoot.text(DockerImageTests.dockerfile)
        let user = try #require(dockerfile.split(separator: "\n").last { $0.hasPrefix("USER ") })
        #expect(user == "USER \(securityContext["runAsUser"]?.string ?? "?"):\(securityContext["runAsGroup"]?.string ?? "?")")
    }
}
