import Outbox
import Persistence
import Testing
import WholesailTestSupport

/// The inbox's claims: each message id is applied once, whether claimed alone or in a batch.
@Suite("Inbox")
struct InboxTests {
    @Test func aBatchClaimIsTrueOnlyForIdsNeitherClaimedBeforeNorRepeatedEarlierInTheBatch() async throws {
        try await OutboxTestBed.with("inbox-batch-claim") { bed in
            let inbox = try Inbox(schema: bed.schema.name)
            let first = try await bed.pool.transaction { transaction in
                try await inbox.claim(messageID: "m-2", handler: "record", eventType: "tests.thing.happened.v1", in: transaction)
            }
            #expect(first)
            let claims = try await bed.pool.transaction { transaction in
                try await inbox.claim([
                    (messageID: "m-1", handler: "record", eventType: "tests.thing.happened.v1"),
                    (messageID: "m-2", handler: "record", eventType: "tests.thing.happened.v1"),
                    (messageID: "m-1", handler: "record", eventType: "tests.thing.happened.v1"),
                    (messageID: "m-3", handler: "record", eventType: "tests.thing.happened.v1"),
                ], in: transaction)
            }
            #expect(claims == [true, false, false, true])
            let stored = try await bed.pool.query("SELECT message_id FROM inbox ORDER BY message_id").map { try $0.decode(String.self, at: 0) }
            #expect(stored == ["m-1", "m-2", "m-3"])
        }
    }
}
