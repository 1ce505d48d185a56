import Foundation
import HTTPTypes
import Persistence
import ServiceKit

/// Stored answers to requests sent with an `Idempotency-Key`: the same key and request get the first answer again;
/// the same key with another request is refused (422), so a client bug cannot silently turn into a second order.
///
/// Keys are per channel. The caller holds ``lock(channel:key:in:)`` for the rest of its transaction, so two
/// concurrent requests with one key are answered one after the other.
struct IdempotencyRecords: Sendable {
    struct Stored: Sendable {
        var status: Int
        var body: String
    }

    /// 1–255 visible ASCII characters; 400 otherwise (or when required and missing).
    static func key(from headers: HTTPFields, required: Bool) throws -> String? {
        guard let key = headers[.idempotencyKey] else {
            guard required else { return nil }
            throw ProblemDetails(
                type: "urn:wholesail:problem:idempotency-key-required", title: "Idempotency-Key header required", status: .badRequest,
                detail: "Send a unique Idempotency-Key (e.g. a UUID) with each new order and repeat it on retries, so a retried request never creates a second order."
            )
        }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw ProblemDetails(
                type: "urn:wholesail:problem:invalid-idempotency-key", title: "Invalid Idempotency-Key", status: .badRequest,
                detail: "The Idempotency-Key must be 1 to 255 visible ASCII characters."
            )
        }
        return key
    }

    func lock(channel: String, key: String, in transaction: PostgresTransaction) async throws {
        _ = try await transaction.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ' idempotency'), hashtext($1 || ' ' || $2))", channel, key)
    }

    /// The stored answer for this key, if the same request was sent with it; 422 if another request was.
    func replay(channel: String, key: String, scope: String, requestHash: String, in transaction: PostgresTransaction) async throws -> Stored? {
        guard let row = try await transaction.query(
            "SELECT scope, request_hash, response_status, response_body FROM idempotency_keys WHERE channel = $1 AND key = $2", channel, key
        ).first else { return nil }
        guard try row.decode(String.self, at: 0) == scope, try row.decode(String.self, at: 1) == requestHash else {
            throw ProblemDetails(
                type: "urn:wholesail:problem:idempotency-key-reused", title: "Idempotency-Key already used for another request",
                status: .unprocessableContent,
                detail: "Idempotency-Key \(key) was first sent with a different request; nothing was changed. Use a new key for a new request."
            )
        }
        return Stored(status: try row.decode(Int.self, at: 2), body: try row.decode(String.self, at: 3))
    }

    func remember(channel: String, key: String, scope: String, requestHash: String, status: Int, body: String, in transaction: PostgresTransaction) async throws {
        _ = try await transaction.execute(
            """
            INSERT INTO idempotency_keys (channel, key, scope, request_hash, response_status, response_body)
            VALUES ($1, $2, $3, $4, $5, $6)
            """,
            channel, key, scope, requestHash, status, body
        )
    }
}
