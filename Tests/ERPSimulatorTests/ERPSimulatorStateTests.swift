import Contracts
import Foundation
import Testing
@testable import ERPSimulatorKit

@Suite struct ERPSimulatorStateTests {
    private func body(_ json: String) -> Data { Data(json.utf8) }

    @Test func numbersEachKindsDocumentsInItsOwnGapFreeSeries() async {
        let state = ERPSimulatorState()
        var numbers: [String] = []
        for index in 1...3 {
            let outcome = await state.receive(kind: .salesOrders, idempotencyKey: "order-\(index)", body: body(#"{"order":\#(index)}"#))
            numbers.append(outcome.receipt?.documentNumber ?? "none")
        }
        let batch = await state.receive(kind: .journalBatches, idempotencyKey: "order-1", body: body(#"{"batch":1}"#))

        #expect(numbers == ["SO-000001", "SO-000002", "SO-000003"])
        #expect(batch == .created(ERPReceipt(documentNumber: "JB-000001", idempotencyKey: "order-1", duplicate: false)))
    }

    @Test func repeatedKeyAnswersTheOriginalNumberAndRecordsADuplicateDelivery() async throws {
        let state = ERPSimulatorState()
        _ = await state.receive(kind: .salesOrders, idempotencyKey: "order-a", body: body(#"{"n":1}"#))
        let first = await state.receive(kind: .salesOrders, idempotencyKey: "order-b", body: body(#"{"n":2}"#))
        let repeated = await state.receive(kind: .salesOrders, idempotencyKey: "order-b", body: body(#"{"n":2}"#))
        let next = await state.receive(kind: .salesOrders, idempotencyKey: "order-c", body: body(#"{"n":3}"#))

        #expect(first == .created(ERPReceipt(documentNumber: "SO-000002", idempotencyKey: "order-b", duplicate: false)))
        #expect(repeated == .duplicate(ERPReceipt(documentNumber: "SO-000002", idempotencyKey: "order-b", duplicate: true), conflictingBody: false))
        #expect(next.receipt?.documentNumber == "SO-000003")
        let document = try #require(await state.document(kind: .salesOrders, idempotencyKey: "order-b"))
        #expect(document.deliveries == 2)
        #expect(document.conflicts == 0)
        let statistics = await state.statistics()
        #expect(statistics.documents == 3)
        #expect(statistics.duplicates == 1)
        #expect(statistics.conflicts == 0)
        #expect(statistics.requests == 4)
    }

    @Test func repeatedKeyWithADifferentBodyKeepsTheOriginalAndCountsAConflict() async throws {
        let state = ERPSimulatorState()
        _ = await state.receive(kind: .salesOrders, idempotencyKey: "order-a", body: body(#"{"total":"10.00"}"#))
        let conflicting = await state.receive(kind: .salesOrders, idempotencyKey: "order-a", body: body(#"{"total":"99.00"}"#))

        #expect(conflicting == .duplicate(ERPReceipt(documentNumber: "SO-000001", idempotencyKey: "order-a", duplicate: true), conflictingBody: true))
        let document = try #require(await state.document(kind: .salesOrders, idempotencyKey: "order-a"))
        #expect(document.body == ["total": "10.00"])
        #expect(document.conflicts == 1)
        let statistics = await state.statistics()
        #expect(statistics.conflicts == 1)
        #expect(statistics.duplicates == 1)
        #expect(statistics.documents == 1)
    }

    @Test func sameBodyWithMembersInAnotherOrderIsNotAConflict() async {
        let state = ERPSimulatorState()
        _ = await state.receive(kind: .salesOrders, idempotencyKey: "k", body: body(#"{"a":1,"b":2}"#))
        let repeated = await state.receive(kind: .salesOrders, idempotencyKey: "k", body: body(#"{"b":2,"a":1.0}"#))

        #expect(repeated == .duplicate(ERPReceipt(documentNumber: "SO-000001", idempotencyKey: "k", duplicate: true), conflictingBody: false))
    }

    @Test func errorRateOfOneHundredFailsEveryPostAndRecordsNothing() async throws {
        let state = ERPSimulatorState(knobs: try ERPSimulatorKnobs(errorRatePercent: 100), randomSource: SeededRandomSource(seed: 1))
        for index in 0..<50 {
            let outcome = await state.receive(kind: .salesOrders, idempotencyKey: "k\(index)", body: body("{}"))
            #expect(outcome == .failedByErrorRate(errorRatePercent: 100))
        }
        #expect(await state.documents().isEmpty)
        let statistics = await state.statistics()
        #expect(statistics.failedByKnob == 50)
        #expect(statistics.documents == 0)
    }

    @Test func errorRateOfZeroNeverFails() async {
        let state = ERPSimulatorState(randomSource: SeededRandomSource(seed: 2))
        for index in 0..<200 {
            let outcome = await state.receive(kind: .journalBatches, idempotencyKey: "k\(index)", body: body("{}"))
            #expect(outcome.receipt != nil)
        }
        #expect(await state.statistics().failedByKnob == 0)
        #expect(await state.documents().count == 200)
    }

    @Test func partialErrorRateFailsAboutThatShareAndKeepsNumberingGapFree() async throws {
        let state = ERPSimulatorState(knobs: try ERPSimulatorKnobs(errorRatePercent: 30), randomSource: SeededRandomSource(seed: 42))
        var failures = 0
        for index in 0..<1000 {
            if case .failedByErrorRate = await state.receive(kind: .salesOrders, idempotencyKey: "k\(index)", body: body("{}")) {
                failures += 1
            }
        }
        #expect((220...380).contains(failures))
        let numbers = await state.documents().map(\.documentNumber)
        #expect(numbers == (1...(1000 - failures)).map { ERPDocumentKind.salesOrders.documentNumber($0) })
    }

    @Test func sameSeedGivesTheSameFailures() async throws {
        func failures(seed: UInt64) async throws -> [Int] {
            let state = ERPSimulatorState(knobs: try ERPSimulatorKnobs(errorRatePercent: 50), randomSource: SeededRandomSource(seed: seed))
            var failed: [Int] = []
            for index in 0..<100 {
                if case .failedByErrorRate = await state.receive(kind: .salesOrders, idempotencyKey: "k\(index)", body: Data("{}".utf8)) {
                    failed.append(index)
                }
            }
            return failed
        }
        #expect(try await failures(seed: 7) == failures(seed: 7))
    }

    @Test func outageAnswersUnavailableAndRecordsNothing() async throws {
        let state = ERPSimulatorState()
        await state.setOutage(true)
        let outcome = await state.receive(kind: .salesOrders, idempotencyKey: "order-1", body: body("{}"))

        #expect(outcome == .unavailable(retryAfter: .seconds(1)))
        #expect(await state.documents().isEmpty)
        #expect(await state.statistics().failedByKnob == 1)

        await state.setOutage(false)
        let afterOutage = await state.receive(kind: .salesOrders, idempotencyKey: "order-1", body: body("{}"))
        #expect(afterOutage == .created(ERPReceipt(documentNumber: "SO-000001", idempotencyKey: "order-1", duplicate: false)))
    }

    @Test func outageWinsOverAnInvalidRequest() async {
        let state = ERPSimulatorState()
        await state.setOutage(true)
        let outcome = await state.receive(kind: .salesOrders, idempotencyKey: nil, body: body("not json"))
        #expect(outcome == .unavailable(retryAfter: .seconds(1)))
    }

    @Test(arguments: [
        ([String](), ERPRequestRejection.missingIdempotencyKey),
        ([""], ERPRequestRejection.missingIdempotencyKey),
        (["a", "b"], ERPRequestRejection.invalidIdempotencyKey(reason: "send exactly one Idempotency-Key header, not 2")),
        ([String(repeating: "k", count: 201)], ERPRequestRejection.invalidIdempotencyKey(reason: "it has 201 characters; at most 200 are allowed")),
        (["café"], ERPRequestRejection.invalidIdempotencyKey(reason: "only printable ASCII characters are allowed")),
        (["tab\there"], ERPRequestRejection.invalidIdempotencyKey(reason: "only printable ASCII characters are allowed")),
    ])
    func invalidIdempotencyKeysAreRejectedAndNotRecorded(keys: [String], expected: ERPRequestRejection) async {
        let state = ERPSimulatorState()
        let outcome = await state.receive(kind: .salesOrders, idempotencyKeys: keys, body: body("{}"))
        #expect(outcome == .rejected(expected))
        #expect(await state.documents().isEmpty)
        #expect(await state.statistics().invalid == 1)
    }

    @Test func keyOfTwoHundredPrintableCharactersIsAccepted() async {
        let state = ERPSimulatorState()
        let key = String(repeating: "~", count: 199) + " "
        let outcome = await state.receive(kind: .salesOrders, idempotencyKey: key, body: body("{}"))
        #expect(outcome.receipt?.documentNumber == "SO-000001")
    }

    @Test(arguments: [
        ("", ERPRequestRejection.bodyNotJSON),
        ("{", ERPRequestRejection.bodyNotJSON),
        ("[1,2]", ERPRequestRejection.bodyNotObject(foundType: "array")),
        ("\"text\"", ERPRequestRejection.bodyNotObject(foundType: "string")),
        ("null", ERPRequestRejection.bodyNotObject(foundType: "null")),
    ])
    func bodiesThatAreNotJSONObjectsAreRejected(json: String, expected: ERPRequestRejection) async {
        let state = ERPSimulatorState()
        let outcome = await state.receive(kind: .journalBatches, idempotencyKey: "batch-1", body: body(json))
        #expect(outcome == .rejected(expected))
        #expect(await state.documents().isEmpty)
    }

    @Test func documentsListInOrderOfFirstReceiptAndFilterByKind() async {
        let state = ERPSimulatorState()
        _ = await state.receive(kind: .salesOrders, idempotencyKey: "s1", body: body("{}"))
        _ = await state.receive(kind: .journalBatches, idempotencyKey: "j1", body: body("{}"))
        _ = await state.receive(kind: .salesOrders, idempotencyKey: "s2", body: body("{}"))
        _ = await state.receive(kind: .salesOrders, idempotencyKey: "s1", body: body("{}"))

        #expect(await state.documents().map(\.idempotencyKey) == ["s1", "j1", "s2"])
        #expect(await state.documents(kind: .salesOrders).map(\.documentNumber) == ["SO-000001", "SO-000002"])
        #expect(await state.documents(kind: .journalBatches).map(\.documentNumber) == ["JB-000001"])
    }

    @Test func resetForgetsDocumentsRestartsNumberingAndKeepsKnobs() async throws {
        let state = ERPSimulatorState(knobs: try ERPSimulatorKnobs(latencyMilliseconds: 5))
        _ = await state.receive(kind: .salesOrders, idempotencyKey: "s1", body: body("{}"))
        _ = await state.receive(kind: .salesOrders, idempotencyKey: "s2", body: body("{}"))
        await state.reset()

        #expect(await state.documents().isEmpty)
        #expect(await state.statistics() == ERPSimulatorStatistics(byKind: [:]))
        #expect(await state.knobs.latencyMilliseconds == 5)
        let again = await state.receive(kind: .salesOrders, idempotencyKey: "s2", body: body("{}"))
        #expect(again == .created(ERPReceipt(documentNumber: "SO-000001", idempotencyKey: "s2", duplicate: false)))
    }

    @Test func statisticsCountPerKindAndInTotal() async {
        let state = ERPSimulatorState()
        _ = await state.receive(kind: .salesOrders, idempotencyKey: "s1", body: body("{}"))
        _ = await state.receive(kind: .salesOrders, idempotencyKey: "s1", body: body("{}"))
        _ = await state.receive(kind: .journalBatches, idempotencyKey: "j1", body: body("{}"))
        _ = await state.receive(kind: .journalBatches, idempotencyKey: nil, body: body("{}"))

        let statistics = await state.statistics()
        #expect(statistics.counters(for: .salesOrders) == ERPKindStatistics(requests: 2, documents: 1, duplicates: 1))
        #expect(statistics.counters(for: .journalBatches) == ERPKindStatistics(requests: 2, documents: 1, invalid: 1))
        #expect(statistics.requests == 4)
        #expect(statistics.documents == 2)
    }

    @Test func documentNumbersGrowBeyondSixDigits() {
        #expect(ERPDocumentKind.salesOrders.documentNumber(42) == "SO-000042")
        #expect(ERPDocumentKind.journalBatches.documentNumber(1_234_567) == "JB-1234567")
    }
}
