import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import Persistence
import ServiceKit

/// `POST /v1/orders`: validates, stores the order and its `orders.order.received.v1` in one statement, and answers
/// `202 Accepted` — no other service is called before the answer, so intake stays fast while the ERP or another
/// step is slow.
///
/// - The same `Idempotency-Key` with the same order: the first answer again (`Idempotent-Replayed: true`).
/// - The same key with another body: 422, nothing changed.
/// - A new key for an order the channel already sent (same channel order reference): `200` with the existing order.
struct OrderIntake: Sendable {
    let store: OrdersStore
    let pool: PostgresPool
    let configuration: OrdersConfiguration
    let accepted: Counter

    func accept(_ body: ByteBuffer, headers: HTTPFields, credential: ChannelCredential, context: ServiceRequestContext) async throws -> Response {
        guard let key = try IdempotencyRecords.key(from: headers, required: true) else { throw ProblemDetails(status: .badRequest) }
        let json: JSONValue
        do {
            json = try JSONValue(data: Data(body.readableBytesView))
        } catch {
            throw ProblemDetails.invalidRequestBody("The body is not valid JSON; send the order as a JSON object.", errors: [.init(pointer: "", detail: "not valid JSON")])
        }
        let request: OrderRequest
        do {
            request = try OrderRequestValidator.validate(json)
        } catch {
            throw ProblemDetails.validationFailed(
                error.violations.map { ProblemDetails.FieldError(pointer: $0.pointer, detail: $0.detail) },
                detail: "The order has \(error.violations.count) invalid field(s); nothing was stored."
            )
        }
        if let named = request.channel, named != credential.channel {
            throw ProblemDetails(
                type: "urn:wholesail:problem:channel-mismatch", title: "The order names another channel", status: .forbidden,
                detail: "The body names channel \(named), but the API key belongs to \(credential.channel); a key places orders for its own channel only."
            )
        }
        let requestHash = SHA256.hexDigest(try StableJSON.encode(request))
        let records = IdempotencyRecords()
        // Everything the new order needs is encoded before the transaction, so no connection waits on it.
        let orderID = CorrelationID.generate()
        let received = request.received(orderID: orderID, channel: credential.channel, receivedAt: StableJSON.roundedToMilliseconds(Date()))
        let envelope = try EventEnvelope(payload: received, correlationID: orderID, traceContext: context.traceParent)
        let envelopeBody = try envelope.encoded()
        let answer = Self.acceptance(orderID: orderID, status: .received, channel: credential.channel,
                                     reference: request.channelOrderReference, receivedAt: received.receivedAt)
        let body = String(decoding: try StableJSON.encode(answer), as: UTF8.self)
        let claim = IdempotencyClaim(key: key, scope: "order", requestHash: requestHash, status: 202, body: body)
        // The common case — a new key and a new order — is one autocommitted statement, the outbox row included.
        if try await store.insertCommitting(envelope, encodedAs: envelopeBody, stepTimeout: configuration.stepTimeout, claiming: claim, in: pool) == .inserted {
            accepted.increment()
            return Self.response(status: 202, body: body, location: answer.location, replayed: false)
        }
        // The key was used before, or the channel already sent this order: answer from what is stored, in one
        // transaction (claiming the key with the existing order's answer, or reading the key's first answer).
        let (status, responseBody, replayed) = try await pool.transaction { transaction -> (Int, String, Bool) in
            switch try await store.insert(envelope, encodedAs: envelopeBody, stepTimeout: configuration.stepTimeout,
                                          claiming: claim, in: transaction) {
            case .inserted:
                return (202, body, false)
            case .orderExists:
                guard let existing = try await existingOrder(channel: credential.channel, reference: request.channelOrderReference, in: transaction) else {
                    throw OrdersStoreError.corrupt("order \(request.channelOrderReference) that neither inserts nor exists")
                }
                let existingBody = String(decoding: try StableJSON.encode(existing), as: UTF8.self)
                try await records.answer(channel: credential.channel, key: key, status: 200, body: existingBody, in: transaction)
                return (200, existingBody, false)
            case .keyUsed:
                // The insert skips a key only once its holder has committed, so its answer is there to read (unless
                // it expired in between: then the client is told to retry).
                guard let stored = try await records.replay(channel: credential.channel, key: key, scope: "order", requestHash: requestHash, in: transaction) else {
                    throw IdempotencyRecords.busy(key: key)
                }
                return (stored.status, stored.body, true)
            }
        }
        if status == 202, !replayed { accepted.increment() }
        return Self.response(status: status, body: responseBody, replayed: replayed)
    }

    private func existingOrder(channel: String, reference: String, in transaction: PostgresTransaction) async throws -> OrderAcceptance? {
        guard let row = try await transaction.query(
            "SELECT id, status, received_at FROM orders WHERE channel = $1 AND channel_order_reference = $2", channel, reference
        ).first else { return nil }
        let id = try row.decode(String.self, at: 0)
        return Self.acceptance(orderID: id, status: OrderStatus(rawValue: try row.decode(String.self, at: 1)) ?? .received,
                               channel: channel, reference: reference, receivedAt: try row.decode(Date.self, at: 2))
    }

    static func acceptance(orderID: String, status: OrderStatus, channel: String, reference: String, receivedAt: Date) -> OrderAcceptance {
        OrderAcceptance(orderID: orderID, status: status, channel: channel, channelOrderReference: reference, receivedAt: receivedAt, location: "/v1/orders/\(orderID)")
    }

    /// The `location` member of a stored answer, found without decoding it (for answers read back from storage).
    static func location(in body: String) -> String? {
        let marker = #""location":""#
        guard let start = body.range(of: marker)?.upperBound, let end = body[start...].firstIndex(of: "\"") else { return nil }
        return String(body[start..<end])
    }

    /// A stored JSON answer, with `Location` pointing at the order (`location`, or else read from the body).
    static func response(status: Int, body: String, location: String? = nil, replayed: Bool) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let location = location ?? Self.location(in: body) {
            headers[.location] = location
        }
        if replayed { headers[.idempotentReplayed] = "true" }
        return Response(status: HTTPResponse.Status(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
