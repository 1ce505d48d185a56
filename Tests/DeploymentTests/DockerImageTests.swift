import Foundation
import Testing

/// deploy/docker/Dockerfile builds one image with every program the compose file and the manifests run, and
/// deploy/docker/postgres-init.sql provisions PostgreSQL as the local stack does. (hadolint, run by
/// `deploy/local/stack validate-deployment`, lints the Dockerfile; no Docker engine runs in CI to build it.)
@Suite("Docker image and database provisioning")
struct DockerImageTests {
    static let dockerfile = "deploy/docker/Dockerfile"
    static let initScript = "deploy/docker/postgres-init.sql"
    static let programs = RepositoryRoot.services + ["erp-simulator"]

    static func lines(_ path: String) throws -> [String] {
        try RepositoryRoot.text(path).split(separator: "\n").map(String.init)
    }

    /// The `for product in …; do` list of the build stage.
    static func builtProducts() throws -> [String] {
        let text = try RepositoryRoot.text(dockerfile)
        let loop = try #require(
            text.range(of: "RUN for product in "),
            "\(dockerfile) builds its products in a `for product in …` loop"
        )
        let list = text[loop.upperBound...].prefix { $0 != ";" }
        return list.split(separator: " ").map(String.init)
    }

    @Test
    func imageBuildsEveryProgramThePackageDeclares() throws {
        let products = try Self.builtProducts()
        #expect(products == Self.programs)
        let manifest = try RepositoryRoot.text("Package.swift")
        for product in products {
            #expect(manifest.contains(".executable(name: \"\(product)\""), "Package.swift declares the product \(product)")
        }
        #expect(try RepositoryRoot.text(Self.dockerfile).contains("swift build -c release --static-swift-stdlib --product \"$product\""))
    }

    @Test
    func buildStageCopiesEveryFolderHoldingATarget() throws {
        let copied = Set(try Self.lines(Self.dockerfile).compactMap { line -> String? in
            let words = line.split(separator: " ")
            guard words.count == 3, words[0] == "COPY", words[2] == "./\(words[1])" else { return nil }
            return String(words[1])
        })
        // Targets with an explicit `path:` name their folder; test targets without one live in Tests/.
        let manifest = try RepositoryRoot.text("Package.swift")
        var folders: Set<String> = ["Tests"]
        for line in manifest.split(separator: "\n") where line.contains("path: \"") {
            let path = line.components(separatedBy: "path: \"")[1]
            folders.insert(String(path.prefix { $0 != "/" && $0 != "\"" }))
        }
        #expect(folders.isSubset(of: copied), "the Dockerfile copies \(copied.sorted()); targets live in \(folders.sorted())")
    }

    @Test
    func imageCopiesTheResourceBundlesBesideTheBinaries() throws {
        let text = try RepositoryRoot.text(Self.dockerfile)
        // Bundle.module finds <package>_<Target>.resources next to the executable: migrations and JSON Schemas.
        #expect(text.contains("cp -R \"$bin_path\"/*.resources /staging/bin/"))
        #expect(text.contains("COPY --from=build /staging/bin /app/bin"))
    }

    @Test
    func runtimeStageInstallsTheRuntimeLibrariesOfTheCLibraries() throws {
        let lines = try Self.lines(Self.dockerfile)
        let runtime = try #require(lines.firstIndex { $0.hasPrefix("FROM ${RUNTIME_IMAGE}") })
        let install = try #require(lines[runtime...].first { $0.contains("apt-get install") })
        for package in ["librabbitmq4", "libpq5", "curl", "ca-certificates"] {
            #expect(install.split(separator: " ").contains(Substring(package)), "the runtime stage installs \(package)")
        }
        #expect(lines.contains("ARG RUNTIME_IMAGE=debian:bookworm-slim"))
        #expect(lines.contains { $0.hasPrefix("ARG SWIFT_IMAGE=swift:6.3") && $0.hasSuffix("-bookworm") })
    }

    @Test
    func imageRunsAsANonRootUserAndExposesItsDefaultPort() throws {
        let lines = try Self.lines(Self.dockerfile)
        let user = try #require(lines.last { $0.hasPrefix("USER ") })
        #expect(!user.contains("root") && !user.hasPrefix("USER 0"))
        #expect(lines.contains("EXPOSE 8080"))
        #expect(lines.contains { $0.contains("WHOLESAIL_HTTP_PORT=8080") })
    }

    @Test
    func buildContextLeavesBuildOutputAndLocalDataOut() throws {
        let ignored = try Self.lines("deploy/docker/Dockerfile.dockerignore")
        for entry in [".build", ".local", ".git"] {
            #expect(ignored.contains(entry), "Dockerfile.dockerignore excludes \(entry)")
        }
    }

    @Test(arguments: RepositoryRoot.services)
    func initScriptCreatesTheServiceRoleOwningItsSchemaOnly(service: String) throws {
        let lines = try Self.lines(Self.initScript)
        #expect(lines.contains("CREATE ROLE \(service) WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '\(service)';"))
        #expect(lines.contains("CREATE SCHEMA IF NOT EXISTS \(service) AUTHORIZATION \(service);"))
        let grant = try #require(lines.first { $0.hasPrefix("GRANT CONNECT ON DATABASE wholesail TO ") })
        #expect(grant.contains(" \(service),") || grant.hasSuffix(" \(service);"))
    }

    @Test
    func initScriptGivesTheAdminRoleTheLocalStacksAttributes() throws {
        // deploy/local/stack's pg_provision: `ALTER ROLE $ADMIN_USER WITH <attributes> PASSWORD '$ADMIN_PASSWORD';`
        let stack = try Self.lines("deploy/local/stack")
        let alter = try #require(stack.first { $0.contains("ALTER ROLE $ADMIN_USER WITH ") })
        let stackAttributes = Set(alter.components(separatedBy: "WITH ")[1].components(separatedBy: " PASSWORD")[0].split(separator: " "))
        let lines = try Self.lines(Self.initScript)
        let create = try #require(lines.first { $0.hasPrefix("CREATE ROLE wholesail_admin WITH ") })
        let initAttributes = Set(create.components(separatedBy: "WITH ")[1].components(separatedBy: " PASSWORD")[0].split(separator: " "))
        #expect(initAttributes == stackAttributes)
        #expect(lines.contains("CREATE DATABASE wholesail OWNER wholesail_admin;"))
        // Both make the admin role a member of every service role (wholesailctl reads every schema).
        #expect(stack.contains { $0.contains("GRANT ${quoted_list//,/, } TO $ADMIN_USER;") })
        #expect(lines.contains("GRANT pricing, inventory, orders, shipments, finance TO wholesail_admin;"))
        #expect(lines.contains("REVOKE CREATE ON SCHEMA public FROM PUBLIC;"))
    }
}
