import Foundation
import Persistence
import Testing
import WholesailTestSupport
@testable import Wholesailctl

/// `outbox status` on test schemas of its own.
@Suite("wholesailctl outbox status")
struct OutboxStatusCommandTests {
    private var database: [String] { ["--database-url", TestServers.databaseURL] }

    /// The columns of the row for `schema`, split on runs of spaces.
    private func row(_ schema: String, in run: WholesailctlRun) -> [String]? {
        run.output.first { $0.hasPrefix(schema + " ") }.map { line in
            line.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    @Test func showsTheUnpublishedCountAndTheAgeOfTheOldestUnpublishedRow() async throws {
        try await OutboxTestBed.with("ctl-outbox-backlog") { bed in
            try await bed.commitEvents(1...3)
            // Back-date the oldest row and publish another: 2 unpublished, the oldest about 90 s old.
            _ = try await bed.pool.execute("UPDATE outbox SET created_at = clock_timestamp() - interval '90 seconds' WHERE sequence = (SELECT min(sequence) FROM outbox)")
            _ = try await bed.pool.execute("UPDATE outbox SET published_at = now() WHERE sequence = (SELECT max(sequence) FROM outbox)")
            let run = await WholesailctlRun.run(["outbox", "status", "--schema", bed.schema.name] + database)
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.first?.hasPrefix("SCHEMA") == true)
            let columns = try #require(row(bed.schema.name, in: run), "\(run.text)")
            #expect(columns.count == 3, "\(columns)")
            #expect(columns.dropFirst().first == "2")
            #expect(columns.last?.hasPrefix("1m3") == true, "about 90 s, got \(columns)")
        }
    }

    @Test func aSchemaWithNothingUnpublishedShowsZeroAndNoAge() async throws {
        try await OutboxTestBed.with("ctl-outbox-idle") { bed in
            let run = await WholesailctlRun.run(["outbox", "status", "--schema", bed.schema.name] + database)
            #expect(run.status == 0, "\(run.errors)")
            #expect(row(bed.schema.name, in: run) == [bed.schema.name, "0", "-"], "\(run.text)")
        }
    }

    @Test func aSchemaWithoutAnOutboxTableIsNotMigratedAndTheCommandStillSucceeds() async throws {
        try await PostgresTestEnvironment.withSchema("ctl-outbox-bare") { bare in
            try await OutboxTestBed.with("ctl-outbox-next") { bed in
                let missing = PostgresTestEnvironment.uniqueName("ctl_outbox_none")
                let run = await WholesailctlRun.run(
                    ["outbox", "status", "--schema", bare.name, "--schema", bed.schema.name, "--schema", missing] + database
                )
                #expect(run.status == 0, "\(run.errors)")
                #expect(row(bare.name, in: run) == [bare.name, "not migrated"], "\(run.text)")
                #expect(row(bed.schema.name, in: run) == [bed.schema.name, "0", "-"], "the other schemas are still reported")
                #expect(row(missing, in: run) == [missing, "no schema"], "\(run.text)")
            }
        }
    }

    @Test func anUnreachableDatabaseIsOneLineAndStatusOne() async {
        let run = await wholesailctl("outbox", "status", "--database-url", TestServers.unreachableDatabaseURL)
        #expect(run.status == 1)
        #expect(run.errors.count == 1, "\(run.errors)")
        #expect(run.errors.first?.hasPrefix("wholesailctl: cannot connect to PostgreSQL at postgresql://wholesail_admin:***@127.0.0.1:1/wholesail") == true, "\(run.errors)")
        #expect(run.errors.first?.contains("deploy/local/stack up") == true)
        #expect(run.output.isEmpty)
    }
}
