import Contracts
import Foundation
import Hummingbird
import Persistence
import ServiceKit

/// Settlement over HTTP: `POST /v1/settlements` (a batch now, `{"requestedBy": "…"}` and optionally the expected
/// totals per currency), `GET /v1/settlements[?status=held]`, `GET /v1/settlements/{id}`, and the checker's
/// `POST /v1/settlements/{id}/approve` (`{"approver": "…"}`).
///
/// Maker–checker: a held batch is approved only by someone other than who requested it; the same person is refused
/// (403), and a batch with an unbalanced entry can never be approved (409).
struct SettlementApproval: Sendable {
    let store: FinanceStore
    let pool: PostgresPool
    let assembler: SettlementAssembler
    let wakePoster: @Sendable () -> Void

    struct BatchList: Codable {
        var batches: [SettlementBatchRecord]
    }

    func request(body: ByteBuffer) async throws -> Response {
        var reader = try FieldReader(try FieldReader.json(Data(body.readableBytesView), what: "the settlement request"), allowed: ["requestedBy", "expected"])
        let requestedBy = reader.text("requestedBy", required: true)
        var expected: [Currency: ExpectedTotals] = [:]
        if let value = reader.object["expected"], value != .null {
            if let byCurrency = value.objectValue {
                for (code, totals) in byCurrency.sorted(by: { $0.key < $1.key }) {
                    let pointer = "/expected/\(JSONPointer.escape(code))"
                    guard let currency = try? Currency(code: code) else {
                        reader.fail(pointer, "\"\(code)\" is not an ISO 4217 currency code")
                        continue
                    }
                    guard let object = totals.objectValue, Set(object.keys) == ["count", "debitTotal", "creditTotal"],
                          let count = object["count"]?.wholeNumberValue, count >= 0,
                          let debit = object["debitTotal"]?.stringValue.flatMap({ try? Money.parse($0, currency: currency) }),
                          let credit = object["creditTotal"]?.stringValue.flatMap({ try? Money.parse($0, currency: currency) }) else {
                        reader.fail(pointer, "must be {\"count\": <entries>, \"debitTotal\": \"<decimal>\", \"creditTotal\": \"<decimal>\"} in \(code)")
                        continue
                    }
                    expected[currency] = ExpectedTotals(count: count, debitTotal: debit, creditTotal: credit)
                }
            } else {
                reader.fail("/expected", "must be an object keyed by currency code")
            }
        }
        try reader.finish("The settlement request")
        guard let requestedBy else { throw ProblemDetails.validationFailed([], detail: "The settlement request is incomplete.") }
        let batches = try await assembler.assemble(requestedBy: requestedBy, expected: expected)
        if batches.contains(where: { $0.status == .ready }) { wakePoster() }
        return try StableJSONResponseEncoder.response(BatchList(batches: batches), status: batches.isEmpty ? .ok : .created)
    }

    func list(status: String?) async throws -> Response {
        var wanted: SettlementBatchRecord.Status?
        if let status {
            guard let parsed = SettlementBatchRecord.Status(rawValue: status) else {
                throw ProblemDetails.validationFailed([.init(pointer: "", detail: "status must be held, ready or posted, not \"\(status)\"")])
            }
            wanted = parsed
        }
        let batches = try await pool.transaction { try await store.batches(status: wanted, limit: 200, in: $0) }
        return try StableJSONResponseEncoder.response(BatchList(batches: batches), status: .ok)
    }

    static func notFound(_ id: String) -> ProblemDetails {
        ProblemDetails(type: "urn:wholesail:problem:settlement-not-found", title: "Settlement batch not found", status: .notFound,
                       detail: "No settlement batch \(id).")
    }

    func get(id: String) async throws -> Response {
        guard let batch = try await pool.transaction({ try await store.batch(id: id, in: $0) }) else { throw Self.notFound(id) }
        return try StableJSONResponseEncoder.response(batch, status: .ok)
    }

    func approve(id: String, body: ByteBuffer) async throws -> Response {
        var reader = try FieldReader(try FieldReader.json(Data(body.readableBytesView), what: "the approval"), allowed: ["approver"])
        let approver = reader.text("approver", required: true)
        try reader.finish("The approval")
        guard let approver else { throw ProblemDetails.validationFailed([], detail: "The approval is incomplete.") }
        let approved = try await pool.transaction { transaction -> SettlementBatchRecord in
            guard let batch = try await store.batch(id: id, lock: true, in: transaction) else { throw Self.notFound(id) }
            guard batch.status == .held else {
                throw ProblemDetails(type: "urn:wholesail:problem:settlement-not-held", title: "Batch is not waiting for approval", status: .conflict,
                                     detail: "Settlement batch \(id) is \(batch.status.rawValue); only held batches are approved.")
            }
            guard batch.unbalancedDocuments.isEmpty else {
                throw ProblemDetails(
                    type: "urn:wholesail:problem:settlement-unbalanced", title: "Unbalanced batch cannot be approved", status: .conflict,
                    detail: "Settlement batch \(id) has unbalanced journal entries (\(batch.unbalancedDocuments.joined(separator: ", "))); it is never posted. Correct the documents."
                )
            }
            guard approver.lowercased() != batch.requestedBy.lowercased() else {
                throw ProblemDetails(
                    type: "urn:wholesail:problem:same-user-approval", title: "Approver must be someone else", status: .forbidden,
                    detail: "Settlement batch \(id) was requested by \(batch.requestedBy); a second person must approve it (maker–checker)."
                )
            }
            try await store.approve(batchID: id, approver: approver, in: transaction)
            guard let updated = try await store.batch(id: id, in: transaction) else { throw Self.notFound(id) }
            return updated
        }
        wakePoster()
        return try StableJSONResponseEncoder.response(approved, status: .ok)
    }
}
