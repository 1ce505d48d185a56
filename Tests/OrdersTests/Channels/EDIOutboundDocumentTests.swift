import Contracts
import Foundation
import Orders
import Testing
import WholesailTestSupport
import X12

/// The documents an EDI partner gets for its order: an 855 when the order is decided, an 856 per dispatch and an
/// 810 per invoice — in that order, each once, each a valid interchange with its own control numbers.
@Suite("EDI outbound documents")
struct EDIOutboundDocumentTests {
    /// Sends PO `number` and returns its `orders.order.received.v1`.
    static func placeOrder(_ orders: OrdersServiceHarness, number: String) async throws -> EventEnvelope<OrderReceived> {
        let response = try await EDIInterchangeTests.send(orders, EDIFixtures.interchange(sets: [EDIFixtures.purchaseOrder(number, control: "0001")]))
        guard try response.json()["status"]?.stringValue == "accepted" else { throw TestFailure("interchange: \(response.text)") }
        return try #require(try await orders.service.collect(OrderReceived.self, expecting: 1, timeout: .seconds(60)).first)
    }

    static func read(_ body: [UInt8]) throws -> (interchange: X12Interchange, set: X12TransactionSet) {
        let interchange = try #require(X12Reader.read(body).interchange)
        #expect(interchange.allErrors.isEmpty, "\(interchange.allErrors)")
        return (interchange, try #require(interchange.groups.first?.transactionSets.first))
    }

    @Test func thePartnerReceivesThe855ThenThe856AndThe810() async throws {
        try await WebhookReceiver.with(answer: { _ in .status(200) }) { receiver in
            try await OrdersServiceHarness.with("orders_edi_outbound") { orders in
                try await EDIInterchangeTests.configurePartner(orders, deliveryURL: receiver.url)
                let received = try await Self.placeOrder(orders, number: "PO-7001")
                let orderID = received.payload.orderID
                _ = try await orders.approveAll(received)
                #expect(try await eventually { receiver.requests.count == 1 })

                try await orders.service.publish(try FulfilmentTimelineTests.dispatch("D-7001", shipment: "S-1", order: orderID, lines: [(1, "BOLT", 10), (2, "NUT", 10)]))
                try await orders.service.publish(try FulfilmentTimelineTests.invoice("I-7001", dispatch: "D-7001", order: orderID))
                #expect(try await eventually { receiver.requests.count == 3 })

                let documents = try receiver.requests.map { try Self.read($0.body) }
                #expect(documents.map(\.set.identifier) == ["855", "856", "810"])
                #expect(receiver.requests.allSatisfy { $0.header("Content-Type") == "application/edi-x12" })
                let controlNumbers = documents.compactMap { Int($0.interchange.controlNumber) }
                #expect(controlNumbers == controlNumbers.sorted() && Set(controlNumbers).count == 3)
                #expect(documents.allSatisfy { $0.interchange.receiverID == EDIFixtures.partnerID })

                let acknowledgment = try PurchaseOrderAcknowledgment855(documents[0].set)
                #expect(acknowledgment.acknowledgmentType == "AD")
                #expect(acknowledgment.purchaseOrderNumber == "PO-7001")
                #expect(acknowledgment.sellerOrderNumber == orderID)
                #expect(acknowledgment.lines.map(\.lineID) == ["1", "2"])
                #expect(acknowledgment.lines.map { $0.acknowledgments.first?.status } == ["IA", "IA"])
                #expect(acknowledgment.lines.map(\.unit) == ["EA", "CA"])

                let notice = try ShipNotice856(documents[1].set)
                #expect(notice.shipmentIdentifier == "D-7001")
                #expect(notice.shipment.trackingNumber == "JD0001")
                #expect(notice.shipment.standardCarrierAlphaCode == "DHL")
                #expect(notice.orders.map(\.purchaseOrderNumber) == ["PO-7001"])
                let items = notice.orders.flatMap { $0.items + $0.packs.flatMap(\.items) }
                #expect(items.map(\.quantityShipped) == [10, 1])
                #expect(items.map(\.unit) == ["EA", "CA"])

                let invoice = try Invoice810(documents[2].set)
                #expect(invoice.invoiceNumber == "INV-I-7001")
                #expect(invoice.purchaseOrderNumber == "PO-7001")
                #expect(invoice.totalAmount == Decimal(string: "11.90"))
                #expect(invoice.lines.map(\.quantity) == [10, 1])
                #expect(invoice.lines.map(\.unitPrice) == [1, 10])
                #expect(String(decoding: receiver.requests[2].body, as: UTF8.self).contains("TDS*1190"))

                // The receiver has the bytes before the sender commits what it answered: wait for the records.
                #expect(try await eventually {
                    let listed = try await orders.get("/v1/channels/edi/partners/harbor/documents?orderID=\(orderID)")
                    return try listed.json()["documents"]?.arrayValue?.map { $0["deliveryStatus"]?.stringValue } == ["delivered", "delivered", "delivered"]
                })
                let listed = try await orders.get("/v1/channels/edi/partners/harbor/documents?orderID=\(orderID)")
                #expect(listed.status == 200)

                // Re-sending the 855 delivers the same bytes (same control numbers) once more.
                let first = try #require(try listed.json()["documents"]?.arrayValue?.first { $0["documentType"]?.stringValue == "855" }?["id"]?.stringValue)
                let resent = try await orders.post("/v1/channels/edi/partners/harbor/documents/\(first)/resend", json: "")
                #expect(resent.status == 202)
                #expect(try await eventually { receiver.requests.count == 4 })
                #expect(receiver.requests[3].body == receiver.requests[0].body)
            }
        }
    }

    @Test func aRejectedOrderGetsAnRJ855WithItsShortLinesBackordered() async throws {
        try await OrdersServiceHarness.with("orders_edi_rejected") { orders in
            try await EDIInterchangeTests.configurePartner(orders)
            let received = try await Self.placeOrder(orders, number: "PO-7002")
            try await orders.reservationFailed(received)
            #expect(try await eventually { try await orders.status(received.payload.orderID) == "rejected" })
            // No delivery URL: the 855 waits for pickup.
            let listed = try await orders.get("/v1/channels/edi/partners/harbor/documents?type=855")
            let document = try #require(try listed.json()["documents"]?[0])
            #expect(document["deliveryStatus"]?.stringValue == "held")
            let (_, set) = try Self.read(Array((document["body"]?.stringValue ?? "").utf8))
            let acknowledgment = try PurchaseOrderAcknowledgment855(set)
            #expect(acknowledgment.acknowledgmentType == "RJ")
            #expect(acknowledgment.lines.map { $0.acknowledgments.first?.status } == ["IB", "IR"])
        }
    }

    @Test func aFailedDeliveryIsRetriedUntilThePartnerTakesIt() async throws {
        try await WebhookReceiver.with(answer: { number in number == 1 ? .status(503) : .status(200) }) { receiver in
            try await OrdersServiceHarness.with("orders_edi_retry", adjust: {
                $0.ediRetryInitial = .milliseconds(50)
                $0.ediRetryMaximum = .milliseconds(200)
                $0.ediPollInterval = .milliseconds(50)
            }) { orders in
                try await EDIInterchangeTests.configurePartner(orders, deliveryURL: receiver.url)
                let received = try await Self.placeOrder(orders, number: "PO-7003")
                _ = try await orders.approveAll(received)
                #expect(try await eventually { receiver.requests.count == 2 })
                #expect(receiver.requests[0].body == receiver.requests[1].body)
                // The receiver has the bytes before the sender commits what it answered: wait for the record.
                #expect(try await eventually {
                    let listed = try await orders.get("/v1/channels/edi/partners/harbor/documents?type=855")
                    return try listed.json()["documents"]?[0]?["deliveryStatus"]?.stringValue == "delivered"
                })
                let listed = try await orders.get("/v1/channels/edi/partners/harbor/documents?type=855")
                #expect(try listed.json()["documents"]?[0]?["attempts"]?.numberValue == 2)
            }
        }
    }
}
