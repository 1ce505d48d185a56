import Contracts
import Foundation
import Testing
import WholesailTestSupport

/// Returns authorised by orders, received at a warehouse.
@Suite("Shipments: return receipts", .timeLimit(.minutes(2)))
struct ReturnReceiptTests {
    typealias Harness = ShipmentsServiceHarness

    static func authorized(rma: String) throws -> EventEnvelope<ReturnAuthorized> {
        let event = ReturnAuthorized(
            rma: rma, orderID: "ord-ret", channel: "shop", customer: "C-1",
            lines: [ReturnAuthorized.Line(lineNumber: 1, sku: "BOLT", quantity: 4), ReturnAuthorized.Line(lineNumber: 2, sku: "NUT", quantity: 1)],
            reason: "wrong size", authorizedAt: StableJSON.roundedToMilliseconds(Date())
        )
        return try EventEnvelope(payload: event, correlationID: "ord-ret")
    }

    /// Publishes the authorisation and waits until receipts for it are accepted.
    private func expect(_ rma: String, on harness: Harness) async throws {
        try await harness.service.publish(Self.authorized(rma: rma))
        let known = try await eventually(timeout: .seconds(20)) {
            // A line the return does not have: 404 while the RMA is unknown, 422 once it is expected.
            try await harness.service.client.post("/v1/returns/\(rma)/receipts",
                json: #"{"receiptID": "probe", "warehouse": "HAM", "lines": [{"lineNumber": 99, "quantity": 1, "condition": "resalable"}]}"#).status == 422
        }
        try #require(known, "the return authorisation never arrived")
    }

    @Test("a receipt publishes shipments.return.received.v1 with each line's condition")
    func receiptIsAnnouncedWithConditions() async throws {
        try await Harness.with("receipt") { harness in
            try await expect("RMA-000001", on: harness)
            let answer = try await harness.service.client.post("/v1/returns/RMA-000001/receipts", json: """
                {"receiptID": "rcv-1", "warehouse": "HAM", "receivedAt": "2026-12-10T09:30:00Z",
                 "lines": [{"lineNumber": 1, "quantity": 3, "condition": "resalable"}, {"lineNumber": 1, "quantity": 1, "condition": "damaged"}]}
                """)
            #expect(answer.status == 201, "\(answer.text)")
            let received = try await harness.service.collect(ReturnReceived.self, expecting: 1)
            #expect(received.first?.payload.lines == [
                .init(lineNumber: 1, sku: "BOLT", quantity: 3, condition: .resalable),
                .init(lineNumber: 1, sku: "BOLT", quantity: 1, condition: .damaged),
            ])
            #expect(received.first?.payload.orderID == "ord-ret")
            #expect(received.first?.payload.warehouse == "HAM")
        }
    }

    @Test("more units than authorised and still expected are refused; nothing is recorded")
    func overReceiptRefused() async throws {
        try await Harness.with("over-receipt") { harness in
            try await expect("RMA-000002", on: harness)
            let first = try await harness.service.client.post("/v1/returns/RMA-000002/receipts",
                json: #"{"receiptID": "rcv-a", "warehouse": "HAM", "lines": [{"lineNumber": 2, "quantity": 1, "condition": "resalable"}]}"#)
            #expect(first.status == 201)
            let again = try await harness.service.client.post("/v1/returns/RMA-000002/receipts",
                json: #"{"receiptID": "rcv-b", "warehouse": "HAM", "lines": [{"lineNumber": 2, "quantity": 1, "condition": "damaged"}]}"#)
            #expect(again.status == 422)
            #expect(try again.json()["errors"]?.arrayValue?[0]["pointer"] == "/lines/0/quantity")
        }
    }

    @Test("the same receipt sent twice is recorded once")
    func repeatedReceiptIsIdempotent() async throws {
        try await Harness.with("receipt-again") { harness in
            try await expect("RMA-000003", on: harness)
            let body = #"{"receiptID": "rcv-x", "warehouse": "HAM", "lines": [{"lineNumber": 1, "quantity": 4, "condition": "resalable"}]}"#
            #expect(try await harness.service.client.post("/v1/returns/RMA-000003/receipts", json: body).status == 201)
            let repeated = try await harness.service.client.post("/v1/returns/RMA-000003/receipts", json: body)
            #expect(repeated.status == 200)
            #expect(repeated.header("Idempotent-Replayed") == "true")
            _ = try await harness.service.collect(ReturnReceived.self, expecting: 1)
            #expect(try await harness.service.collect(ReturnReceived.self, expecting: 1, timeout: .milliseconds(700)).isEmpty)
        }
    }

    @Test("a receipt for an unknown RMA is 404")
    func unknownReturnIsNotFound() async throws {
        try await Harness.with("receipt-unknown") { harness in
            let answer = try await harness.service.client.post("/v1/returns/RMA-404/receipts",
                json: #"{"receiptID": "r", "warehouse": "HAM", "lines": [{"lineNumber": 1, "quantity": 1, "condition": "resalable"}]}"#)
            #expect(answer.status == 404)
        }
    }
}
