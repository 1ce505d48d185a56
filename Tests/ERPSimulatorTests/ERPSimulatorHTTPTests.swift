import Contracts
import Foundation
import ServiceKit
import Testing
import WholesailTestSupport
@testable import ERPSimulatorKit

@Suite struct ERPSimulatorHTTPTests {
    /// Runs `body` against a simulator on a free port, then shuts it down.
    private func withSimulator(
        knobs: ERPSimulatorKnobs = .normal,
        _ body: (RunningERPSimulator, HTTPTestClient) async throws -> Void
    ) async throws {
        let simulator = try await ERPSimulator.start(
            configuration: ERPSimulatorConfiguration(port: 0, knobs: knobs),
            logger: testLogger("erp-simulator-test")
        )
        let outcome: Result<Void, any Error>
        do {
            try await body(simulator, HTTPTestClient(port: simulator.port))
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try await simulator.shutdown()
        try outcome.get()
    }

    @Test func firstPostCreatesADocumentWith201() async throws {
        try await withSimulator { simulator, client in
            let response = try await client.post(
                "/erp/v1/sales-orders", json: #"{"orderId":"o-1","lines":[{"sku":"A","quantity":2}]}"#,
                headers: ["Idempotency-Key": "order-o-1"]
            )
            #expect(response.status == 201)
            #expect(try response.json() == ["documentNumber": "SO-000001", "idempotencyKey": "order-o-1", "duplicate": false])
            let documents = await simulator.state.documents(kind: .salesOrders)
            #expect(documents.map(\.body) == [["orderId": "o-1", "lines": [["sku": "A", "quantity": 2]]]])
        }
    }

    @Test func repeatedKeyAnswers200WithTheSameDocumentNumber() async throws {
        try await withSimulator { simulator, client in
            let headers = ["Idempotency-Key": "batch-7"]
            let first = try await client.post("/erp/v1/journal-batches", json: #"{"batch":7}"#, headers: headers)
            let repeated = try await client.post("/erp/v1/journal-batches", json: #"{"batch":7}"#, headers: headers)

            #expect(first.status == 201)
            #expect(repeated.status == 200)
            #expect(try repeated.json() == ["documentNumber": "JB-000001", "idempotencyKey": "batch-7", "duplicate": true])
            let statistics = try await client.get("/simulator/stats").json()
            #expect(statistics["documents"] == 1)
            #expect(statistics["duplicates"] == 1)
            #expect(statistics["requests"] == 2)
            #expect(statistics["kinds"]?["journal-batches"]?["duplicates"] == 1)
            #expect(await simulator.state.documents().first?.deliveries == 2)
        }
    }

    @Test func missingIdempotencyKeyIs400ProblemAndRecordsNothing() async throws {
        try await withSimulator { simulator, client in
            let response = try await client.post("/erp/v1/sales-orders", json: "{}")
            #expect(response.status == 400)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(try response.problem().type == "urn:wholesail:problem:invalid-idempotency-key")
            #expect(await simulator.state.documents().isEmpty)
        }
    }

    @Test func bodyThatIsNotAnObjectIs400Problem() async throws {
        try await withSimulator { _, client in
            let response = try await client.post("/erp/v1/sales-orders", json: "[1]", headers: ["Idempotency-Key": "k"])
            #expect(response.status == 400)
            #expect(try response.problem().errors.map(\.pointer) == [""])
        }
    }

    @Test func unknownDocumentKindIs404() async throws {
        try await withSimulator { simulator, client in
            let response = try await client.post("/erp/v1/invoices", json: "{}", headers: ["Idempotency-Key": "k"])
            #expect(response.status == 404)
            #expect(await simulator.state.statistics().requests == 0)
        }
    }

    @Test func knobsCanBeSetAndReadOverHTTP() async throws {
        try await withSimulator { simulator, client in
            let put = try await client.put("/simulator/knobs", json: #"{"errorRatePercent":25,"outage":true}"#)
            let get = try await client.get("/simulator/knobs")

            #expect(put.status == 200)
            let expected: JSONValue = ["latencyMilliseconds": 0, "errorRatePercent": 25, "outage": true]
            #expect(try put.json() == expected)
            #expect(try get.json() == expected)
            #expect(await simulator.state.knobs == (try ERPSimulatorKnobs(errorRatePercent: 25, outage: true)))
        }
    }

    @Test func invalidKnobIs422NamingTheFieldAndChangesNothing() async throws {
        try await withSimulator { simulator, client in
            let response = try await client.put("/simulator/knobs", json: #"{"outage":true,"errorRatePercent":150}"#)

            #expect(response.status == 422)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(try response.problem().errors.map(\.pointer) == ["/errorRatePercent"])
            #expect(await simulator.state.knobs == .normal)
        }
    }

    @Test func knobsBodyThatIsNotAnObjectIs400() async throws {
        try await withSimulator { _, client in
            let response = try await client.put("/simulator/knobs", json: "true")
            #expect(response.status == 400)
        }
    }

    @Test func outageAnswers503WithRetryAfterAndRecordsNothing() async throws {
        try await withSimulator { simulator, client in
            await simulator.state.setOutage(true)
            let response = try await client.post("/erp/v1/sales-orders", json: "{}", headers: ["Idempotency-Key": "order-1"])

            #expect(response.status == 503)
            #expect(response.header("Retry-After") == "1")
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(await simulator.state.documents().isEmpty)
            #expect(try await client.get("/simulator/stats").json()["failedByKnob"] == 1)
        }
    }

    @Test func errorRateOfOneHundredAnswers500ProblemAndRecordsNothing() async throws {
        try await withSimulator(knobs: try ERPSimulatorKnobs(errorRatePercent: 100)) { simulator, client in
            let response = try await client.post("/erp/v1/journal-batches", json: "{}", headers: ["Idempotency-Key": "b"])

            #expect(response.status == 500)
            #expect(try response.problem().type == "urn:wholesail:problem:erp-simulated-failure")
            #expect(await simulator.state.documents().isEmpty)
        }
    }

    @Test func latencyKnobDelaysTheAnswer() async throws {
        try await withSimulator(knobs: try ERPSimulatorKnobs(latencyMilliseconds: 200)) { _, client in
            let clock = ContinuousClock()
            let started = clock.now
            let response = try await client.post("/erp/v1/sales-orders", json: "{}", headers: ["Idempotency-Key": "slow"])
            let elapsed = clock.now - started

            #expect(response.status == 201)
            #expect(elapsed >= .milliseconds(200))
        }
    }

    @Test func documentsAreListedWithTheirBodyAndDeliveries() async throws {
        try await withSimulator { _, client in
            _ = try await client.post("/erp/v1/sales-orders", json: #"{"n":1}"#, headers: ["Idempotency-Key": "a"])
            _ = try await client.post("/erp/v1/journal-batches", json: #"{"n":2}"#, headers: ["Idempotency-Key": "b"])
            _ = try await client.post("/erp/v1/sales-orders", json: #"{"n":1}"#, headers: ["Idempotency-Key": "a"])

            let listed = try await client.get("/simulator/documents?kind=sales-orders").json()
            let documents = try #require(listed["documents"]?.arrayValue)
            #expect(documents.count == 1)
            #expect(documents.first?["kind"] == "sales-orders")
            #expect(documents.first?["documentNumber"] == "SO-000001")
            #expect(documents.first?["idempotencyKey"] == "a")
            #expect(documents.first?["deliveries"] == 2)
            #expect(documents.first?["body"] == ["n": 1])
            let receivedAt = try #require(documents.first?["receivedAt"]?.stringValue)
            #expect(try StableJSON.string(from: StableJSON.date(from: receivedAt)) == receivedAt)

            let all = try await client.get("/simulator/documents").json()
            #expect(all["documents"]?.arrayValue?.count == 2)
            #expect(try await client.get("/simulator/documents?kind=invoices").status == 400)
        }
    }

    @Test func deleteDocumentsRestartsNumbering() async throws {
        try await withSimulator { _, client in
            _ = try await client.post("/erp/v1/sales-orders", json: "{}", headers: ["Idempotency-Key": "a"])
            let deleted = try await client.send("DELETE", "/simulator/documents")
            let again = try await client.post("/erp/v1/sales-orders", json: "{}", headers: ["Idempotency-Key": "a"])

            #expect(deleted.status == 204)
            #expect(again.status == 201)
            #expect(try again.json()["documentNumber"] == "SO-000001")
        }
    }

    @Test func healthProbesAnswer() async throws {
        try await withSimulator { _, client in
            let live = try await client.get("/health/live")
            let ready = try await client.get("/health/ready")
            #expect(live.status == 200)
            #expect(ready.status == 200)
        }
    }

    @Test func baseURLPointsAtTheBoundPort() async throws {
        try await withSimulator { simulator, _ in
            #expect(simulator.baseURL.absoluteString == "http://127.0.0.1:\(simulator.port)")
            #expect(simulator.port > 0)
        }
    }
}
