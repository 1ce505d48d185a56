import Contracts
import Foundation
import Orders
import Testing
import WholesailTestSupport
import X12

/// `POST /v1/channels/edi/interchanges` against the real broker and database: every interchange gets a 997, valid
/// 850s become orders, broken sets are rejected naming the segment.
@Suite("EDI interchanges")
struct EDIInterchangeTests {
    static func configurePartner(_ orders: OrdersServiceHarness, deliveryURL: String? = nil) async throws {
        let response = try await orders.service.client.put("/v1/channels/edi/partners/harbor", json: EDIFixtures.partner(deliveryURL: deliveryURL),
                                                           headers: ["Authorization": "Bearer \(orders.key)"])
        guard response.status == 200 else { throw TestFailure("partner configuration: \(response.status) \(response.text)") }
    }

    static func send(_ orders: OrdersServiceHarness, _ interchange: String, accept: String? = nil) async throws -> HTTPTestResponse {
        var headers = ["Authorization": "Bearer \(orders.key)", "Content-Type": "application/edi-x12"]
        if let accept { headers["Accept"] = accept }
        return try await orders.service.client.send("POST", "/v1/channels/edi/interchanges", body: Data(interchange.utf8), headers: headers)
    }

    /// The 997 in a JSON report, read back.
    static func acknowledgment(_ response: HTTPTestResponse) throws -> FunctionalAcknowledgment {
        let text = try #require(try response.json()["acknowledgment"]?.stringValue)
        let interchange = try #require(X12Reader.read(text).interchange)
        #expect(interchange.allErrors.isEmpty, "the 997 itself must be valid X12: \(interchange.allErrors)")
        let set = try #require(interchange.groups.first?.transactionSets.first)
        return try FunctionalAcknowledgment(set)
    }

    @Test func aValidPurchaseOrderIsAcknowledgedAndBecomesAnOrder() async throws {
        try await OrdersServiceHarness.with("orders_edi_accept") { orders in
            try await Self.configurePartner(orders)
            let response = try await Self.send(orders, EDIFixtures.interchange(sets: [EDIFixtures.purchaseOrder("PO-9001", control: "0001")]))
            #expect(response.status == 200)
            let report = try response.json()
            #expect(report["status"]?.stringValue == "accepted")
            #expect(report["transactionSets"]?[0]?["purchaseOrderNumber"]?.stringValue == "PO-9001")
            let interchangeID = try #require(report["interchangeID"]?.stringValue)
            let stored = try await orders.get("/v1/channels/edi/interchanges/\(interchangeID)")
            #expect(stored.status == 200)
            #expect(try stored.json()["body"]?.stringValue?.contains("BEG*00*SA*PO-9001") == true)
            #expect(try stored.json()["report"]?["status"]?.stringValue == "accepted")
            let acknowledgment = try Self.acknowledgment(response)
            #expect(acknowledgment.groupStatus == .accepted)
            #expect(acknowledgment.groupControlNumber == "501")
            #expect(acknowledgment.transactionSets.map(\.status) == [.accepted])

            let received = try #require(try await orders.service.collect(OrderReceived.self, expecting: 1, timeout: .seconds(60)).first)
            #expect(received.payload.channelOrderReference == "PO-9001")
            #expect(received.payload.customer == "C-1")
            #expect(received.payload.lines.map(\.sku) == ["BOLT", "NUT"])
            // 1 CA of 10 units at 10.00 per case: 10 units at 1.00.
            #expect(received.payload.lines.map(\.quantity) == [10, 10])
            #expect(received.payload.lines.map(\.channelUnitPrice) == [Money(minorUnits: 100, currency: .EUR), Money(minorUnits: 100, currency: .EUR)])
            #expect(received.payload.requestedDate == "2026-12-10")
            #expect(received.payload.shipTo.city == "Hamburg")
            #expect(received.payload.purchaseOrderNumber == "PO-9001")
        }
    }

    @Test func theSameInterchangeSentAgainGetsTheSameAnswerAndNoSecondOrder() async throws {
        try await OrdersServiceHarness.with("orders_edi_repeat") { orders in
            try await Self.configurePartner(orders)
            let interchange = EDIFixtures.interchange(sets: [EDIFixtures.purchaseOrder("PO-9002", control: "0001")])
            let first = try await Self.send(orders, interchange)
            let second = try await Self.send(orders, interchange)
            #expect(first.status == 200 && second.status == 200)
            #expect(try first.json()["acknowledgment"] == second.json()["acknowledgment"])
            // The same PO in a new interchange is acknowledged but finds the first order.
            let resent = try await Self.send(orders, EDIFixtures.interchange(control: "000000102", sets: [EDIFixtures.purchaseOrder("PO-9002", control: "0001")]))
            #expect(try resent.json()["transactionSets"]?[0]?["duplicate"]?.boolValue == true)
            #expect(try resent.json()["transactionSets"]?[0]?["orderID"] == first.json()["transactionSets"]?[0]?["orderID"])
            let count = try await orders.schema.pool.query("SELECT count(*)::bigint FROM orders").first?.decode(Int64.self, at: 0)
            #expect(count == 1)
        }
    }

    @Test func aPartiallyValidInterchangeAcceptsTheValidSetAndRejectsTheOtherNamingTheSegment() async throws {
        try await OrdersServiceHarness.with("orders_edi_partial") { orders in
            try await Self.configurePartner(orders)
            let response = try await Self.send(orders, EDIFixtures.interchange(sets: [
                EDIFixtures.purchaseOrder("PO-9003", control: "0001"),
                EDIFixtures.purchaseOrder("PO-9004", control: "0002", segmentCountAdjustment: 3),
            ]))
            #expect(response.status == 200)
            let report = try response.json()
            #expect(report["status"]?.stringValue == "partially-accepted")
            #expect(report["transactionSets"]?.arrayValue?.map { $0["status"]?.stringValue } == ["accepted", "rejected"])
            #expect(report["transactionSets"]?[1]?["problems"]?[0]?["segment"]?.stringValue == "SE")
            let acknowledgment = try Self.acknowledgment(response)
            #expect(acknowledgment.groupStatus == .partiallyAccepted)
            #expect(acknowledgment.transactionSets.map(\.status) == [.accepted, .rejected])
            #expect(acknowledgment.transactionSets[1].errorCodes.contains("4"))
            let count = try await orders.schema.pool.query("SELECT count(*)::bigint FROM orders").first?.decode(Int64.self, at: 0)
            #expect(count == 1)
        }
    }

    @Test func aPurchaseOrderWhoseTotalsDoNotAddUpIsRejectedAtTheCTTSegment() async throws {
        try await OrdersServiceHarness.with("orders_edi_totals") { orders in
            try await Self.configurePartner(orders)
            let broken = EDIFixtures.purchaseOrder("PO-9005", control: "0001").map { $0 == "CTT*2*11" ? "CTT*2*12" : $0 }
            let response = try await Self.send(orders, EDIFixtures.interchange(sets: [broken]))
            #expect(try response.json()["status"]?.stringValue == "rejected")
            #expect(try response.json()["transactionSets"]?[0]?["problems"]?[0]?["segment"]?.stringValue == "CTT")
            #expect(try Self.acknowledgment(response).transactionSets.map(\.status) == [.rejected])
        }
    }

    @Test func anUnmappableProductIsRejectedAtItsPO1Segment() async throws {
        try await OrdersServiceHarness.with("orders_edi_unmapped") { orders in
            try await Self.configurePartner(orders)
            let unknown = EDIFixtures.purchaseOrder("PO-9006", control: "0001").map {
                $0.hasPrefix("PO1*2") ? "PO1*2*1*CA*10.00**UP*036000291452" : $0
            }
            let response = try await Self.send(orders, EDIFixtures.interchange(sets: [unknown]))
            let problem = try #require(try response.json()["transactionSets"]?[0]?["problems"]?[0])
            #expect(problem["segment"]?.stringValue == "PO1")
            #expect(problem["position"]?.numberValue == 11)
            #expect(problem["detail"]?.stringValue?.contains("036000291452") == true)
        }
    }

    @Test func aBrokenEnvelopeIsRejectedIn997NeverA500() async throws {
        try await OrdersServiceHarness.with("orders_edi_envelope") { orders in
            try await Self.configurePartner(orders)
            let response = try await Self.send(orders, EDIFixtures.interchange(sets: [EDIFixtures.purchaseOrder("PO-9007", control: "0001")], trailerControl: "000000999"))
            #expect(response.status == 200)
            let report = try response.json()
            #expect(report["status"]?.stringValue == "rejected")
            #expect(report["interchangeProblems"]?[0]?["segment"]?.stringValue == "IEA")
            #expect(try Self.acknowledgment(response).groupStatus == .rejected)
            let count = try await orders.schema.pool.query("SELECT count(*)::bigint FROM orders").first?.decode(Int64.self, at: 0)
            #expect(count == 0)
        }
    }

    @Test func somethingThatIsNotAnInterchangeIs422() async throws {
        try await OrdersServiceHarness.with("orders_edi_garbage") { orders in
            let response = try await Self.send(orders, "hello, this is not X12")
            #expect(response.status == 422)
            #expect(try response.problem().type == "urn:wholesail:problem:unreadable-interchange")
        }
    }

    @Test func anInterchangeFromAnUnknownSenderIs404() async throws {
        try await OrdersServiceHarness.with("orders_edi_unknown") { orders in
            let response = try await Self.send(orders, EDIFixtures.interchange(sets: [EDIFixtures.purchaseOrder("PO-9008", control: "0001")]))
            #expect(response.status == 404)
            #expect(try response.problem().type == "urn:wholesail:problem:unknown-partner")
        }
    }

    @Test func acceptingEDIAnswersWithThe997Itself() async throws {
        try await OrdersServiceHarness.with("orders_edi_raw") { orders in
            try await Self.configurePartner(orders)
            let response = try await Self.send(orders, EDIFixtures.interchange(sets: [EDIFixtures.purchaseOrder("PO-9009", control: "0001")]),
                                               accept: "application/edi-x12")
            #expect(response.header("Content-Type") == "application/edi-x12")
            let interchange = try #require(X12Reader.read(response.text).interchange)
            #expect(interchange.receiverID == EDIFixtures.partnerID)
            #expect(interchange.groups.first?.functionalIdentifier == "FA")
            #expect(interchange.allErrors.isEmpty)
        }
    }

    @Test func aPartnerConfigurationIsCheckedFieldByField() async throws {
        try await OrdersServiceHarness.with("orders_edi_partner") { orders in
            let response = try await orders.service.client.put(
                "/v1/channels/edi/partners/harbor",
                json: #"{"channelName": "other", "interchangeQualifier": "ZZZ", "interchangeID": "HARBOR", "version": "4010", "defaultCurrency": "EURO"}"#,
                headers: ["Authorization": "Bearer \(orders.key)"]
            )
            #expect(response.status == 422)
            #expect(Set(try response.problem().errors.map(\.pointer)) == ["/channelName", "/interchangeQualifier", "/version", "/defaultCurrency"])
        }
    }
}
