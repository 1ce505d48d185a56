import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import Persistence
import ServiceKit

/// Authorizes a return against what was shipped (less what earlier returns already authorized), assigns an RMA
/// number and publishes `orders.return.authorized.v1`. An `Idempotency-Key` is optional here; with one, a retried
/// request gets the first RMA instead of a second.
struct ReturnAuthorization: Sendable {
    let store: OrdersStore
    let pool: PostgresPool

    func authorize(orderID: String, body: ByteBuffer, headers: HTTPFields, credential: ChannelCredential) async throws -> Response {
        let key = try IdempotencyRecords.key(from: headers, required: false)
        let request = try StableJSONRequestDecoder.decode(ReturnRequest.self, from: Data(body.readableBytesView))
        var errors: [ProblemDetails.FieldError] = []
        if request.lines.isEmpty { errors.append(.init(pointer: "/lines", detail: "needs at least one line")) }
        let reason = request.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty || reason.count > 500 { errors.append(.init(pointer: "/reason", detail: "must have 1 to 500 characters")) }
        var seen = Set<Int>()
        for (index, line) in request.lines.enumerated() {
            if !(1...OrderRequestValidator.maximumQuantity).contains(line.quantity) {
                errors.append(.init(pointer: "/lines/\(index)/quantity", detail: "must be a whole number from 1 to \(OrderRequestValidator.maximumQuantity)"))
            }
            if !seen.insert(line.lineNumber).inserted {
                errors.append(.init(pointer: "/lines/\(index)/lineNumber", detail: "line \(line.lineNumber) appears twice; send one entry per line"))
            }
        }
        guard errors.isEmpty else { throw ProblemDetails.validationFailed(errors) }
        let requestHash = SHA256.hexDigest(try StableJSON.encode(request))
        let scope = "return:\(orderID)"
        let records = IdempotencyRecords()

        let (status, responseBody, replayed) = try await pool.transaction { transaction -> (Int, String, Bool) in
            if let key {
                if let stored = try await records.claim(channel: credential.channel, key: key, scope: scope, requestHash: requestHash, in: transaction) {
                    return (stored.status, stored.body, true)
                }
            }
            guard let order = try await store.lock(orderID: orderID, in: transaction), order.channel == credential.channel else {
                throw OrderQueries.notFound(orderID)
            }
            let shipped = try await store.shippedUnits(orderID: orderID, in: transaction)
            let authorized = try await store.returnAuthorizedUnits(orderID: orderID, in: transaction)
            let ordered = Dictionary(order.document.lines.map { ($0.lineNumber, $0) }, uniquingKeysWith: { first, _ in first })
            var lines: [ReturnAuthorized.Line] = []
            var lineErrors: [ProblemDetails.FieldError] = []
            for (index, line) in request.lines.enumerated() {
                guard let orderedLine = ordered[line.lineNumber] else {
                    lineErrors.append(.init(pointer: "/lines/\(index)/lineNumber", detail: "order \(orderID) has no line \(line.lineNumber)"))
                    continue
                }
                let returnable = (shipped[line.lineNumber] ?? 0) - (authorized[line.lineNumber] ?? 0)
                if line.quantity > returnable {
                    lineErrors.append(.init(pointer: "/lines/\(index)/quantity", detail: "\(line.quantity) requested, but only \(max(returnable, 0)) unit(s) of line \(line.lineNumber) were shipped and not already authorized for return"))
                    continue
                }
                lines.append(ReturnAuthorized.Line(lineNumber: line.lineNumber, sku: orderedLine.sku, quantity: line.quantity))
            }
            guard lineErrors.isEmpty else { throw ProblemDetails.validationFailed(lineErrors, detail: "Nothing was authorized.") }
            let number = try await transaction.query("SELECT nextval('rma_numbers')").first?.decode(Int64.self, at: 0) ?? 0
            let rma = "RMA-" + String(repeating: "0", count: max(0, 6 - String(number).count)) + String(number)
            let authorizedAt = StableJSON.roundedToMilliseconds(Date())
            let event = ReturnAuthorized(rma: rma, orderID: orderID, channel: order.channel, customer: order.document.customer,
                                         lines: lines.sorted { $0.lineNumber < $1.lineNumber }, reason: reason, authorizedAt: authorizedAt)
            _ = try await transaction.execute("INSERT INTO returns (rma, order_id, reason, authorized_at) VALUES ($1, $2, $3, $4)", rma, orderID, reason, authorizedAt)
            _ = try await transaction.execute(
                """
                INSERT INTO return_lines (rma, line_number, sku, quantity)
                SELECT $1, line_number, sku, quantity FROM unnest($2::int[], $3::text[], $4::int[]) AS line(line_number, sku, quantity)
                """,
                rma, event.lines.map(\.lineNumber), event.lines.map(\.sku), event.lines.map(\.quantity)
            )
            let envelope = try EventEnvelope(payload: event, correlationID: orderID)
            try await store.appendTimeline(orderID: orderID, state: "return_authorized", at: authorizedAt, eventID: envelope.id.description,
                                           detail: "\(rma): \(event.lines.reduce(0) { $0 + $1.quantity }) unit(s), \(reason)", in: transaction)
            try await store.outbox.append(envelope, in: transaction)
            let body = String(decoding: try StableJSON.encode(event), as: UTF8.self)
            if let key {
                try await records.answer(channel: credential.channel, key: key, status: 201, body: body, in: transaction)
            }
            return (201, body, false)
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if replayed { headers[.idempotentReplayed] = "true" }
        return Response(status: HTTPResponse.Status(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: responseBody)))
    }
}
