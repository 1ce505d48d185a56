import Testing
import WholesailTestSupport
@testable import Wholesailctl

/// A role without rights on a service's schema (the local stack's administrator and a service's schema) gets told
/// what to grant, instead of a misleading "table does not exist".
@Suite("wholesailctl schema access")
struct SchemaAccessTests {
    @Test func aRoleThatMayNotUseTheOrdersSchemaIsToldWhatToGrant() async throws {
        try await OrdersTestSchema.with("ctl-access-orders") { schema in
            try await RestrictedRole.with { role, url in
                let run = await WholesailctlRun.run(["orders", "timeline", "order-1", "--schema", schema.name, "--database-url", url])
                #expect(run.status == 1)
                #expect(run.errors == [
                    "wholesailctl: PostgreSQL role \(role) may not use schema \(schema.name); connect as the schema's own role with "
                        + "--database-url, or let \(role) act for it once: GRANT \(schema.name) TO \(role)",
                ])
                let keys = await WholesailctlRun.run(["channel-key", "list", "--schema", schema.name, "--database-url", url])
                #expect(keys.status == 1)
                #expect(keys.errors.first?.contains("GRANT \(schema.name) TO \(role)") == true, "\(keys.errors)")
            }
        }
    }

    @Test func outboxStatusReportsASchemaItMayNotReadAndCarriesOn() async throws {
        try await OutboxTestBed.with("ctl-access-outbox") { bed in
            try await RestrictedRole.with { role, url in
                let run = await WholesailctlRun.run(["outbox", "status", "--schema", bed.schema.name, "--database-url", url])
                #expect(run.status == 0, "\(run.errors)")
                let line = try #require(run.output.first { $0.hasPrefix(bed.schema.name) }, "\(run.text)")
                #expect(line.contains("no access"))
                #expect(line.contains("GRANT \(bed.schema.name) TO \(role)"))
            }
        }
    }

    @Test func aSchemaThatDoesNotExistIsNamed() async {
        let missing = PostgresTestEnvironment.uniqueName("ctl_nowhere")
        let run = await WholesailctlRun.run(["channel-key", "list", "--schema", missing, "--database-url", TestServers.databaseURL])
        #expect(run.status == 1)
        #expect(run.errors == ["wholesailctl: there is no schema \(missing) in this database; check --schema and --database-url"])
    }
}
