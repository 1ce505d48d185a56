import Foundation
import HTTPTypes
import Persistence
import ServiceKit

/// Stored answers to requests sent with an `Idempotency-Key`: the same key and request get the first answer again;
/// the same key with another request is refused (422), so a client bug cannot silently turn into a second order.
///
/// Keys are per channel. A request claims its key with an insert (``claim(channel:key:scope:requestHash:in:)``), so
/// two concurrent requests with one key are answered one after the other.
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

    /// Claims the key for this request, or finds how it was used.
    ///
    /// Returns `nil` when this request now holds the key: the caller does its work and records the answer with
    /// ``answer(channel:key:status:body:in:)`` in the same transaction. A concurrent request with the same key waits
    /// in the insert until this transaction ends, then gets the stored answer; if this transaction rolls back (the
    /// request was refused), the key stays free. Returns the stored answer when the key was used for the same
    /// request before; throws 422 when it was used for another.
    func claim(channel: String, key: String, scope: String, requestHash: String, in transaction: PostgresTransaction) async throws -> Stored? {
        // Twice at most: a stored key expiring between the insert and the read is claimed on the second try.
        for _ in 0..<2 {
            let claimed = try await transaction.query(
                """
                INSERT INTO idempotency_keys (channel, key, scope, request_hash, response_status, response_body)
                VALUES ($1, $2, $3, $4, 0, '')
                ON CONFLICT (channel, key) DO NOTHING
                RETURNING 1
                """,
                channel, key, scope, requestHash
            )
            if !claimed.isEmpty { return nil }
            if let stored = try await self.replay(channel: channel, key: key, scope: scope, requestHash: requestHash, in: transaction) {
                return stored
            }
        }
        throw Self.busy(key: key)
    }

    /// 409: the key changed hands while this request looked at it (its stored answer expired at that moment).
    static func busy(key: String) -> ProblemDetails {
        ProblemDetails(
            type: "urn:wholesail:problem:idempotency-key-busy", title: "Idempotency-Key in use", status: .conflict,
            detail: "Idempotency-Key \(key) changed hands while this request was handled; retry this request."
        )
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

    /// Records the answer to the request that claimed the key, so a repeat gets it again.
    func answer(channel: String, key: String, status: Int, body: String, in transaction: PostgresTransaction) async throws {
        _ = try await transaction.execute(
            "UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE channel = $1 AND key = $2",
            channel, key, status, body
        )
    }
}
