import Contracts
import ERPSimulatorKit
import Finance
import Foundation
import Testing
import WholesailTestSupport

/// Settlement batches against the real database and broker and the ERP simulator: balanced journals, control totals,
/// holds for approval by a second person, and postings that happen once even when an answer is lost.
@Suite("Settlement")
struct SettlementTests {
    /// Two invoices (119.00 and 59.50 EUR), a payment of 100.00, and the simulator ready.
    static func documents(_ finance: FinanceServiceHarness) async throws {
        _ = try await PaymentTests.twoInvoices(finance)
        #expect(try await finance.service.client.post("/v1/payments", json: PaymentTests.payment("psp-1", amount: "100.00")).status == 201)
        _ = try await finance.service.collect(PaymentReceived.self, expecting: 1)
    }

    static func settle(_ finance: FinanceServiceHarness, by user: String = "alice", expected: String? = nil) async throws -> JSONValue {
        let body = expected.map { #"{"requestedBy": "\#(user)", "expected": \#($0)}"# } ?? #"{"requestedBy": "\#(user)"}"#
        let response = try await finance.service.client.post("/v1/settlements", json: body)
        #expect(response.status == 201, "\(response.text)")
        return try #require(try response.json()["batches"]?.arrayValue?.first)
    }

    static func status(_ finance: FinanceServiceHarness, _ batchID: String) async throws -> String? {
        try await finance.service.client.get("/v1/settlements/\(batchID)").json()["status"]?.stringValue
    }

    @Test func everyJournalEntryBalancesAndTheBatchIsPostedOnce() async throws {
        try await FinanceServiceHarness.with("settlement_balanced") { finance in
            try await Self.documents(finance)
            let batch = try await Self.settle(finance)
            let batchID = try #require(batch["id"]?.stringValue)
            #expect(batch["status"] == "ready")
            #expect(batch["totals"]?["count"] == 3)
            #expect(batch["totals"]?["debitTotal"]?["amount"] == "278.50", "119.00 + 59.50 invoiced, 100.00 received")
            #expect(batch["totals"]?["debitTotal"] == batch["totals"]?["creditTotal"])

            let posted = try #require(try await finance.service.collect(SettlementPosted.self, expecting: 1).first?.payload)
            #expect(posted.batchID == batchID)
            #expect(posted.debitTotal == posted.creditTotal)
            let documents = await finance.erp.state.documents(kind: .journalBatches)
            #expect(documents.count == 1)
            #expect(posted.ledgerDocumentNumber == documents.first?.documentNumber)

            let entries = try #require(documents.first?.body["entries"]?.arrayValue)
            #expect(entries.count == 3)
            for entry in entries {
                let lines = entry["lines"]?.arrayValue ?? []
                let debit = try lines.reduce(Int64(0)) { $0 + (try Money.parse($1["debit"]?["amount"]?.stringValue ?? "x", currency: .EUR).minorUnits) }
                let credit = try lines.reduce(Int64(0)) { $0 + (try Money.parse($1["credit"]?["amount"]?.stringValue ?? "x", currency: .EUR).minorUnits) }
                #expect(debit == credit && debit > 0, "entry \(String(describing: entry["documentNumber"])) debits \(debit), credits \(credit)")
            }
            #expect(await finance.erp.state.statistics().duplicates == 0)
        }
    }

    @Test func documentsAlreadySettledAreNotSettledAgain() async throws {
        try await FinanceServiceHarness.with("settlement_once") { finance in
            try await Self.documents(finance)
            _ = try await Self.settle(finance)
            let again = try await finance.service.client.post("/v1/settlements", json: #"{"requestedBy": "alice"}"#)
            #expect(again.status == 200)
            #expect(try again.json()["batches"] == [])
        }
    }

    @Test func aBacklogLargerThanOneBatchIsSplitOldestFirst() async throws {
        try await FinanceServiceHarness.with("settlement_split", adjust: { $0.settlementMaximumEntries = 2 }) { finance in
            try await Self.documents(finance)
            let response = try await finance.service.client.post("/v1/settlements", json: #"{"requestedBy": "alice"}"#)
            #expect(response.status == 201)
            let batches = try #require(try response.json()["batches"]?.arrayValue)
            #expect(batches.map { $0["totals"]?["count"]?.wholeNumberValue } == [2, 1])
            #expect(batches.allSatisfy { $0["status"] == "ready" })
            let posted = try await finance.service.collect(SettlementPosted.self, expecting: 2)
            #expect(posted.map(\.payload.entryCount).reduce(0, +) == 3)
            #expect(await finance.erp.state.documents(kind: .journalBatches).count == 2)
        }
    }

    @Test func aPostingWhoseAnswerWasLostIsRetriedWithoutADoublePosting() async throws {
        let lost = AnswerLosingLedger.Losses(count: 1)
        try await FinanceServiceHarness.with("settlement_lost_answer", ledger: { url in
            AnswerLosingLedger(ledger: HTTPERPLedger(baseURL: url, timeout: .seconds(10)), losses: lost)
        }) { finance in
            try await Self.documents(finance)
            let batchID = try #require(try await Self.settle(finance)["id"]?.stringValue)
            let posted = try #require(try await finance.service.collect(SettlementPosted.self, expecting: 1).first?.payload)
            #expect(posted.batchID == batchID)
            #expect(lost.remaining == 0, "the first answer was lost")
            let documents = await finance.erp.state.documents(kind: .journalBatches)
            #expect(documents.count == 1, "one booking in the ERP")
            #expect(documents.first?.deliveries == 2, "posted twice, booked once")
            #expect(documents.first?.idempotencyKey == batchID)
            #expect(posted.ledgerDocumentNumber == documents.first?.documentNumber)
        }
    }

    @Test func aBatchTheERPCannotTakeStaysReadyAndIsPostedWhenItRecovers() async throws {
        try await FinanceServiceHarness.with("settlement_outage") { finance in
            try await Self.documents(finance)
            await finance.erp.state.setOutage(true)
            let batchID = try #require(try await Self.settle(finance)["id"]?.stringValue)
            let failing = try await eventually(timeout: .seconds(10)) {
                try await finance.service.client.get("/v1/settlements/\(batchID)").json()["postingAttempts"]?.wholeNumberValue ?? 0 >= 2
            }
            #expect(failing)
            #expect(try await Self.status(finance, batchID) == "ready")
            await finance.erp.state.setOutage(false)
            let posted = try await finance.service.collect(SettlementPosted.self, expecting: 1)
            #expect(posted.first?.payload.batchID == batchID)
            #expect(await finance.erp.state.documents(kind: .journalBatches).count == 1)
        }
    }

    @Test func aVarianceAboveTheThresholdHoldsTheBatchUntilASecondPersonApproves() async throws {
        try await FinanceServiceHarness.with("settlement_variance", adjust: { $0.variancePercentThreshold = 1 }) { finance in
            try await Self.documents(finance)
            // 278.50 is in the journal; the requester expected 270.00: 8.50 is 3 % of 270.00, above 1 %.
            let batch = try await Self.settle(finance, by: "bob", expected: #"{"EUR": {"count": 3, "debitTotal": "270.00", "creditTotal": "270.00"}}"#)
            let batchID = try #require(batch["id"]?.stringValue)
            #expect(batch["status"] == "held")
            #expect(batch["variance"]?["amount"] == "8.50")
            #expect((batch["holdReasons"]?.arrayValue ?? []).count == 1)

            try await Task.sleep(for: .milliseconds(500))
            #expect(await finance.erp.state.documents(kind: .journalBatches).isEmpty, "a held batch is not posted")

            let sameUser = try await finance.service.client.post("/v1/settlements/\(batchID)/approve", json: #"{"approver": "Bob"}"#)
            #expect(sameUser.status == 403)
            #expect(try sameUser.problem().type == "urn:wholesail:problem:same-user-approval")
            #expect(try await Self.status(finance, batchID) == "held")

            let checker = try await finance.service.client.post("/v1/settlements/\(batchID)/approve", json: #"{"approver": "carol"}"#)
            #expect(checker.status == 200, "\(checker.text)")
            let posted = try #require(try await finance.service.collect(SettlementPosted.self, expecting: 1).first?.payload)
            #expect(posted.approvedBy == "carol")
            #expect(await finance.erp.state.documents(kind: .journalBatches).count == 1)

            let twice = try await finance.service.client.post("/v1/settlements/\(batchID)/approve", json: #"{"approver": "dave"}"#)
            #expect(twice.status == 409)
        }
    }

    @Test func aVarianceWithinTheThresholdPostsWithoutApproval() async throws {
        try await FinanceServiceHarness.with("settlement_within", adjust: { $0.variancePercentThreshold = 1 }) { finance in
            try await Self.documents(finance)
            let batch = try await Self.settle(finance, expected: #"{"EUR": {"count": 3, "debitTotal": "278.00", "creditTotal": "278.00"}}"#)
            #expect(batch["status"] == "ready")
            _ = try await finance.service.collect(SettlementPosted.self, expecting: 1)
        }
    }

    @Test func anInvoiceWhoseHeaderDisagreesWithItsLinesHoldsTheBatch() async throws {
        try await FinanceServiceHarness.with("settlement_tampered") { finance in
            try await Self.documents(finance)
            _ = try await finance.schema.pool.execute("UPDATE \(finance.schema.quotedName).invoices SET total_minor = total_minor + 1 WHERE dispatch_id = 'd-1'")
            let batch = try await Self.settle(finance)
            #expect(batch["status"] == "held")
            #expect(batch["variance"]?["amount"] == "0.01")
            #expect(batch["expected"]?["debitTotal"]?["amount"] == "278.51")
        }
    }

    @Test func settlementRequestsAreValidated() async throws {
        try await FinanceServiceHarness.with("settlement_invalid") { finance in
            let response = try await finance.service.client.post("/v1/settlements", json: #"{"expected": {"EURO": {}}}"#)
            #expect(response.status == 422)
            let pointers = Set(try response.problem().errors.map(\.pointer))
            #expect(pointers == ["/requestedBy", "/expected/EURO"])
            #expect(try await finance.service.client.post("/v1/settlements/stl-none/approve", json: #"{"approver": "x"}"#).status == 404)
        }
    }
}

/// Forwards to a real ledger, then reports the first `count` answers as lost: the ERP booked the batch, finance never
/// heard — what a crash between posting and recording leaves behind.
struct AnswerLosingLedger: ERPLedger {
    final class Losses: Sendable {
        private let left: Locked<Int>
        init(count: Int) { left = Locked(count) }
        var remaining: Int { left.value }
        func take() -> Bool { left.withLock { left in
            guard left > 0 else { return false }
            left -= 1
            return true
        } }
    }

    let ledger: any ERPLedger
    let losses: Losses

    func post(_ batch: LedgerBatch) async throws(LedgerPostingError) -> String {
        let number = try await ledger.post(batch)
        if losses.take() { throw .unavailable("simulated: the process stopped after the ERP booked \(number)") }
        return number
    }
}
