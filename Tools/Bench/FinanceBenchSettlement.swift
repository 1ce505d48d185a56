import Contracts
import ERPSimulatorKit
import Finance
import Foundation

/// One on-demand settlement batch timed end to end: `POST /v1/settlements` (gather the unsettled invoices, build the
/// journal, run the controls, store batch and entries — one transaction), then the wait until the poster has it in
/// the ERP simulator's ledger and the service shows it `posted`.
struct FinanceBenchSettlement {
    /// What the batch took and what it holds.
    struct Result: Sendable {
        /// How the invoices were made (for the report).
        var made: String
        /// Unsettled invoices when the batch was requested.
        var invoices: Int
        var batchID: String
        /// `POST /v1/settlements` sent → its answer read.
        var assembly: Duration
        /// Answer read → `GET /v1/settlements/{id}` first shows `posted` (polled every ``pollInterval``).
        var posting: Duration?
        /// Answer read → `finance.settlement.posted.v1` observed.
        var announced: Duration?
        var entries: Int
        var debitTotal: Money
        var creditTotal: Money
        /// The status right after assembly (`ready`, or `held` when the controls found a variance).
        var statusAfterAssembly: SettlementBatchRecord.Status
        /// Journal batches the ERP simulator recorded, and deliveries of the one it should have (1: posted once).
        var erpBatches: Int
        var erpDeliveries: Int
        /// The batch's JSON as the ERP simulator received it, re-encoded (bytes).
        var erpBodyBytes: Int?
        var problems: [String]

        var total: Duration? { posting.map { assembly + $0 } }
    }

    /// How often the batch's status is read while it is being posted.
    static let pollInterval: Duration = .milliseconds(20)
    /// The ERP simulator's default largest request body (`WHOLESAIL_HTTP_MAX_BODY_SIZE`), for the report.
    static let erpDefaultBodyLimit = ERPSimulatorConfiguration().maximumRequestBodySize

    let port: Int
    let probe: FinanceBenchProbe
    let erp: RunningERPSimulator
    let observer: FinanceBenchObserver
    let timeout: Duration

    func run(made: String) async throws -> Result {
        let invoices = try await probe.unsettledInvoices()
        let others = try await probe.otherUnsettledDocuments()
        Console.progress("settlement: POST /v1/settlements with \(Formatting.grouped(invoices)) unsettled invoices (and \(others) other documents)")
        let started = ContinuousClock.now
        let answer = try await BenchHTTP.post(port: port, path: "/v1/settlements", body: Array(#"{"requestedBy":"bench"}"#.utf8))
        let assembled = ContinuousClock.now
        guard answer.status == 201 else {
            throw BenchError("POST /v1/settlements answered \(answer.status): \(String(decoding: answer.body.prefix(500), as: UTF8.self))")
        }
        let batches = try StableJSON.decode(BatchList.self, from: Data(answer.body)).batches
        guard batches.count == 1, let batch = batches.first else {
            throw BenchError("POST /v1/settlements made \(batches.count) batches; expected one (every invoice is in EUR)")
        }
        Console.progress(
            "  batch \(batch.id): \(batch.status.rawValue), \(Formatting.grouped(batch.totals.count)) entries, debit \(batch.totals.debitTotal), "
                + "in \(Formatting.milliseconds(assembled - started))"
        )
        var problems: [String] = []
        if batch.status == .held { problems.append("the batch was held for approval: \(batch.holdReasons.joined(separator: "; "))") }
        if !batch.unbalancedDocuments.isEmpty { problems.append("\(batch.unbalancedDocuments.count) unbalanced journal entries") }

        // Until the poster has it in the ERP ledger (or, when held, not at all).
        var posting: Duration?
        var lastError: String?
        let deadline = assembled + timeout
        while batch.status == .ready, ContinuousClock.now < deadline {
            let state = try await BenchHTTP.get(port: port, path: "/v1/settlements/\(batch.id)")
            guard state.status == 200 else {
                throw BenchError("GET /v1/settlements/\(batch.id) answered \(state.status): \(String(decoding: state.body.prefix(500), as: UTF8.self))")
            }
            let record = try StableJSON.decode(SettlementBatchRecord.self, from: Data(state.body))
            lastError = record.lastPostingError
            if record.status == .posted {
                posting = ContinuousClock.now - assembled
                break
            }
            try await Task.sleep(for: Self.pollInterval)
        }
        if batch.status == .ready, posting == nil {
            problems.append("not posted within \(timeout)" + (lastError.map { "; last posting error: \($0)" } ?? ""))
        }
        if let posting { Console.progress("  posted to the ERP simulator \(Formatting.milliseconds(posting)) after the answer") }

        // The announcement follows the posting through the outbox.
        var announced: Duration?
        if posting != nil {
            let announcementDeadline = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < announcementDeadline {
                if let seen = observer.settlementPosted(batchID: batch.id) {
                    announced = seen - assembled
                    break
                }
                try await Task.sleep(for: .milliseconds(10))
            }
            if announced == nil { problems.append("finance.settlement.posted.v1 did not arrive within 30 s of the posting") }
        }

        // Cross-checks: the journal against the invoices it claimed, and the ERP's record.
        let claimed = try await probe.batchInvoices(batchID: batch.id)
        if claimed.count != invoices || batch.totals.count != invoices {
            problems.append(
                "the batch claimed \(Formatting.grouped(claimed.count)) invoices and has \(Formatting.grouped(batch.totals.count)) entries; "
                    + "\(Formatting.grouped(invoices)) were unsettled"
            )
        }
        if batch.totals.debitTotal.minorUnits != claimed.totalMinor {
            problems.append("debit total \(batch.totals.debitTotal) ≠ the claimed invoices' total \(Money(minorUnits: claimed.totalMinor, currency: batch.currency))")
        }
        if batch.totals.debitTotal != batch.totals.creditTotal {
            problems.append("debit total \(batch.totals.debitTotal) ≠ credit total \(batch.totals.creditTotal)")
        }
        let documents = await erp.state.documents(kind: .journalBatches)
        let ours = documents.first { $0.idempotencyKey == batch.id }
        if posting != nil {
            if documents.count != 1 { problems.append("the ERP simulator recorded \(documents.count) journal batches; expected exactly one") }
            if ours == nil { problems.append("the ERP simulator has no journal batch with idempotency key \(batch.id)") }
            if let ours, ours.deliveries != 1 { problems.append("the batch reached the ERP simulator \(ours.deliveries) times (one document, repeated posts)") }
        }
        let bodyBytes = try ours.map { try $0.body.encoded().count }
        if let bodyBytes, bodyBytes > Self.erpDefaultBodyLimit {
            problems.append(
                "the batch's JSON (\(Formatting.grouped(bodyBytes)) bytes) exceeds the ERP simulator's default body limit "
                    + "(\(Formatting.grouped(Self.erpDefaultBodyLimit)) bytes, WHOLESAIL_HTTP_MAX_BODY_SIZE)"
            )
        }
        return Result(
            made: made, invoices: invoices, batchID: batch.id, assembly: assembled - started, posting: posting, announced: announced,
            entries: batch.totals.count, debitTotal: batch.totals.debitTotal, creditTotal: batch.totals.creditTotal, statusAfterAssembly: batch.status,
            erpBatches: documents.count, erpDeliveries: ours?.deliveries ?? 0, erpBodyBytes: bodyBytes, problems: problems
        )
    }

    private struct BatchList: Decodable {
        var batches: [SettlementBatchRecord]
    }
}
