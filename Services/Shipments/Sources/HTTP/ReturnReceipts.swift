import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import Persistence
import ServiceKit

/// `POST /v1/returns/{rma}/receipts`: goods of an authorised return arrived; records them against the RMA and
/// publishes `shipments.return.received.v1` with each line's condition (inventory restocks, finance refunds).
///
/// Quantities beyond what is authorised and not yet received, or lines the RMA does not have: 422, nothing stored.
/// The same receipt id with the same content: the first answer again; with other content: 409.
struct ReturnReceipts: Sendable {
    let store: ShipmentsStore
    let pool: PostgresPool

    static func notFound(_ rma: String) -> ProblemDetails {
        ProblemDetails(type: "urn:wholesail:problem:return-not-found", title: "Return not found", status: .notFound,
                       detail: "No authorised return \(rma). Returns are authorised through orders (POST /v1/orders/{id}/returns) and arrive here as events; retry once it is authorised.")
    }

    func receive(rma: String, body: ByteBuffer) async throws -> Response {
        let json = try MilestoneRecorder.json(body)
        let request: ReturnReceiptRequest
        do {
            request = try ReturnReceiptValidator.validate(json)
        } catch {
            throw ProblemDetails.validationFailed(error.violations.map(MilestoneRecorder.fieldError), detail: "The receipt has \(error.violations.count) invalid field(s); nothing was recorded.")
        }
        let requestHash = SHA256.hexDigest(try StableJSON.encode(request))
        let receivedAt = request.receivedAt ?? StableJSON.roundedToMilliseconds(Date())
        let (event, replayed) = try await pool.transaction { transaction -> (ReturnReceived, Bool) in
            guard let expected = try await store.lockExpectedReturn(rma: rma, in: transaction) else { throw Self.notFound(rma) }
            if let earlier = try await store.receipt(id: request.receiptID, in: transaction) {
                guard earlier.rma == rma, earlier.requestHash == requestHash else {
                    throw ProblemDetails(
                        type: "urn:wholesail:problem:receipt-id-reused", title: "Receipt id already used", status: .conflict,
                        detail: "Receipt \(request.receiptID) was recorded before with different content; nothing was changed. Send a new receipt id for a new parcel."
                    )
                }
                let lines = try StableJSON.decode([ReturnReceived.Line].self, from: Data(earlier.lines.utf8))
                return (ReturnReceived(rma: rma, receiptID: request.receiptID, orderID: expected.orderID, warehouse: request.warehouse,
                                       lines: lines, receivedAt: receivedAt), true)
            }
            let event = ReturnReceived(rma: rma, receiptID: request.receiptID, orderID: expected.orderID, warehouse: request.warehouse,
                                       lines: try Self.lines(request, expected: expected), receivedAt: receivedAt)
            try await store.recordReceipt(event, requestHash: requestHash, in: transaction)
            try await store.publish(try EventEnvelope(payload: event, correlationID: expected.orderID), in: transaction)
            return (event, false)
        }
        var response = try StableJSONResponseEncoder.response(event, status: replayed ? .ok : .created)
        if replayed { response.headers[.idempotentReplayed] = "true" }
        return response
    }

    /// The receipt's lines with their SKUs, after checking each against what is still expected.
    static func lines(_ request: ReturnReceiptRequest, expected: ExpectedReturn) throws -> [ReturnReceived.Line] {
        let byNumber = Dictionary(expected.lines.map { ($0.lineNumber, $0) }, uniquingKeysWith: { first, _ in first })
        var units: [Int: Int] = [:]
        for line in request.lines { units[line.lineNumber, default: 0] += line.quantity }
        var errors: [ProblemDetails.FieldError] = []
        var lines: [ReturnReceived.Line] = []
        for (index, line) in request.lines.enumerated() {
            guard let authorized = byNumber[line.lineNumber] else {
                let known = expected.lines.map { String($0.lineNumber) }.joined(separator: ", ")
                errors.append(.init(pointer: "/lines/\(index)/lineNumber", detail: "return \(expected.rma) has no line \(line.lineNumber) (its lines: \(known))"))
                continue
            }
            let asked = units[line.lineNumber] ?? 0
            if asked > authorized.openQuantity {
                errors.append(.init(
                    pointer: "/lines/\(index)/quantity",
                    detail: "\(asked) unit(s) of line \(line.lineNumber) received in total, but \(authorized.openQuantity) of the \(authorized.quantity) authorised are still expected"
                ))
                continue
            }
            lines.append(ReturnReceived.Line(lineNumber: line.lineNumber, sku: authorized.sku, quantity: line.quantity, condition: line.condition))
        }
        guard errors.isEmpty else { throw ProblemDetails.validationFailed(errors, detail: "Nothing was recorded.") }
        return lines
    }
}
