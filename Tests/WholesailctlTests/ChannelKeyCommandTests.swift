import Testing
import WholesailTestSupport
@testable import Wholesailctl

/// `channel-key create|list|revoke` through the Orders module's key store.
@Suite("wholesailctl channel-key")
struct ChannelKeyCommandTests {
    private func arguments(_ schema: String) -> [String] {
        ["--schema", schema, "--database-url", TestServers.databaseURL]
    }

    @Test func aCreatedKeyIsListedActiveThenRevoked() async throws {
        try await OrdersTestSchema.with("ctl-keys") { schema in
            let created = await WholesailctlRun.run(["channel-key", "create", "--channel", "webshop-de", "--label", "ops team"] + arguments(schema.name))
            #expect(created.status == 0, "\(created.errors)")
            #expect(created.output.count == 2, "\(created.output)")
            let key = try #require(created.output.last)
            let parts = key.split(separator: "_")
            #expect(parts.count == 3 && parts[0] == "wsk", "\(key)")
            let id = String(parts[1])
            #expect(created.output.first == "created key \(id) for channel webshop-de; store it now, it is not shown again:")
            let hashes = try await schema.pool.query("SELECT key_hash FROM api_keys WHERE id = $1", id)
            #expect(try hashes.first?.decode(String.self, at: 0) != key, "only the hash is stored")

            let listed = await WholesailctlRun.run(["channel-key", "list"] + arguments(schema.name))
            #expect(listed.output == ["\(id)  webshop-de  active  ops team"])

            let revoked = await WholesailctlRun.run(["channel-key", "revoke", id] + arguments(schema.name))
            #expect(revoked.status == 0, "\(revoked.errors)")
            #expect(revoked.output == ["revoked key \(id)"])
            let after = await WholesailctlRun.run(["channel-key", "list", "--channel", "webshop-de"] + arguments(schema.name))
            #expect(after.output.count == 1)
            #expect(after.output.first?.hasPrefix("\(id)  webshop-de  revoked 20") == true, "\(after.output)")
        }
    }

    @Test func revokingAKeyThatIsNotActiveFailsWithStatusOne() async throws {
        try await OrdersTestSchema.with("ctl-keys-revoke") { schema in
            let run = await WholesailctlRun.run(["channel-key", "revoke", "0123456789abcdef"] + arguments(schema.name))
            #expect(run.status == 1)
            #expect(run.errors == ["wholesailctl: no active key 0123456789abcdef; see wholesailctl channel-key list"])
        }
    }

    @Test func aChannelNameTheStoreRefusesIsAUsageError() async throws {
        try await OrdersTestSchema.with("ctl-keys-channel") { schema in
            let run = await WholesailctlRun.run(["channel-key", "create", "--channel", "web shop!"] + arguments(schema.name))
            #expect(run.status == 2)
            #expect(run.errors.count == 1, "\(run.errors)")
            #expect(run.errors.first?.hasPrefix("wholesailctl: --channel: channel \"web shop!\" must have") == true, "\(run.errors)")
            let count = try await schema.pool.query("SELECT count(*) FROM api_keys")
            #expect(try count.first?.decode(Int.self, at: 0) == 0)
        }
    }

    @Test func anUnreachableDatabaseIsOneLineAndStatusOne() async {
        let run = await wholesailctl("channel-key", "list", "--database-url", TestServers.unreachableDatabaseURL)
        #expect(run.status == 1)
        #expect(run.errors.count == 1, "\(run.errors)")
        #expect(run.errors.first?.contains("deploy/local/stack up") == true)
    }
}
