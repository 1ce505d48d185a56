import Foundation
import Persistence
import ServiceKit

/// Creates, lists and revokes channel API keys (the `orders api-keys` commands).
///
/// A key reads `wsk_<id>_<secret>`: the id (16 hex digits) names it in logs, lists and revocation; the secret is
/// 32 random bytes. Only the SHA-256 of the whole key is stored, so a database dump reveals no usable key; the key
/// is shown once, when it is created.
public struct APIKeys: Sendable {
    public let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// A new key for `channel`: its record and the key itself (show it once; it cannot be recovered).
    public func create(channel: String, label: String? = nil) async throws -> (record: APIKeyRecord, key: String) {
        guard OrderRequestValidator.isIdentifier(channel) else { throw APIKeyError.invalidChannel(channel) }
        var random = SystemRandomNumberGenerator()
        let id = Self.hex((0..<8).map { _ in UInt8.random(in: .min ... .max, using: &random) })
        let secret = Self.hex((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &random) })
        let key = "wsk_\(id)_\(secret)"
        let row = try await pool.query(
            "INSERT INTO api_keys (id, channel, key_hash, label) VALUES ($1, $2, $3, $4) RETURNING created_at",
            id, channel, SHA256.hexDigest(Array(key.utf8)), label
        )
        let createdAt = try row.first?.decode(Date.self, at: 0) ?? Date()
        return (APIKeyRecord(id: id, channel: channel, label: label, createdAt: createdAt, revokedAt: nil), key)
    }

    /// Revokes a key by id; false if there is no such active key.
    public func revoke(id: String) async throws -> Bool {
        try await pool.execute("UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL", id) == 1
    }

    public func list(channel: String? = nil) async throws -> [APIKeyRecord] {
        try await pool.query(
            "SELECT id, channel, label, created_at, revoked_at FROM api_keys WHERE $1::text IS NULL OR channel = $1 ORDER BY channel, created_at", channel
        ).map { row in
            APIKeyRecord(id: try row.decode(String.self, at: 0), channel: try row.decode(String.self, at: 1), label: try row.decode(String?.self, at: 2),
                         createdAt: try row.decode(Date.self, at: 3), revokedAt: try row.decode(Date?.self, at: 4))
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
