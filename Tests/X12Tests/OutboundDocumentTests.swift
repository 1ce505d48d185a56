import Foundation
import Testing
import X12

/// 855 / 856 / 810 built → written → read back → equal.
@Suite("Outbound documents round trip")
struct OutboundDocumentTests {
    static func header(_ control: Int) -> X12EnvelopeHeader {
        X12EnvelopeHeader(
            senderQualifier: "ZZ", senderID: "WHOLESAIL", receiverQualifier: "ZZ", receiverID: "HARBORHW",
            date: Date(timeIntervalSince1970: 1_741_771_500), interchangeControlNumber: control,
            groupControlNumber: control)
    }

    /// Writes the body as one set, reads the interchange back with zero errors and returns the set.
    static func roundTrip(_ identifier: String, _ body: [X12Segment], control: Int = 31) throws -> X12TransactionSet {
        let outgoing = X12OutgoingTransactionSet(identifier: identifier, controlNumber: "0031", body: body)
        let text = try X12Writer().interchange(header: header(control), transactionSets: [outgoing])
        let interchange = try #require(X12Reader.read(text).interchange)
        #expect(interchange.allErrors.isEmpty)
        #expect(interchange.controlNumber == String(format: "%09d", control))
        let set = try #require(interchange.groups.first?.transactionSets.first)
        #expect(set.controlNumber == "0031")
        #expect(set.segments.last?[1] == String(body.count + 2))
        return set
    }

    static let acknowledgment = PurchaseOrderAcknowledgment855(
        acknowledgmentType: "AC", purchaseOrderNumber: "PO-7731", purchaseOrderDate: "20250312",
        sellerOrderNumber: "WS-100045", acknowledgmentDate: "20250313", currency: "USD",
        parties: [X12Party(code: "ST", name: "HARBOR HARDWARE DC", identificationQualifier: "92", identification: "DC-04")],
        lines: [
            .init(lineID: "1", quantity: 24, unit: "EA", unitPrice: Decimal(string: "3.15"), priceBasis: "PE",
                  productIdentifiers: [.init(qualifier: "UP", value: "036000291452")], description: "HEX BOLT 8MM BOX",
                  acknowledgments: [.init(status: "IA", quantity: 24, unit: "EA", dateQualifier: "068", date: "20250318")]),
            .init(lineID: "2", quantity: 6, unit: "CA", unitPrice: Decimal(string: "42.5"),
                  productIdentifiers: [.init(qualifier: "SK", value: "WS-DRILL-2")],
                  acknowledgments: [.init(status: "IA", quantity: 4, unit: "CA"), .init(status: "IB", quantity: 2, unit: "CA")]),
            .init(lineID: "3", quantity: 10, unit: "EA", productIdentifiers: [.init(qualifier: "SK", value: "WS-WASHER")],
                  acknowledgments: [.init(status: "IR", quantity: 0, unit: "EA")]),
        ])

    @Test func acknowledgment855RoundTripsToAnEqualDocument() throws {
        let set = try Self.roundTrip("855", Self.acknowledgment.segments())
        #expect(try PurchaseOrderAcknowledgment855(set) == Self.acknowledgment)
        #expect(set.segments.first { $0.id == "CTT" }?.description == "CTT*3*40")
    }

    static let shipNotice = ShipNotice856(
        shipmentIdentifier: "SHP-5521", date: "20250318", time: "1430",
        shipment: .init(
            packagingCode: "CTN25", packageCount: 2, weightQualifier: "G", weight: Decimal(string: "18.4"), weightUnit: "KG",
            carrierQualifier: "2", carrierCode: "UPSN", transportationMethod: "U", routing: "UPS GROUND",
            references: [.init(qualifier: "BM", value: "BOL-88812"), .init(qualifier: "CN", value: "1Z999AA10123456784")],
            dates: [.init(qualifier: "011", date: "20250318")],
            parties: [
                X12Party(code: "SF", name: "WHOLESAIL DC", streetLines: ["1 DEPOT WAY"], city: "RENO", state: "NV",
                         postalCode: "89502", country: "US"),
                X12Party(code: "ST", name: "HARBOR HARDWARE DC", identificationQualifier: "92", identification: "DC-04"),
            ]),
        orders: [
            .init(purchaseOrderNumber: "PO-7731", purchaseOrderDate: "20250312", packs: [
                .init(serialShippingContainerCode: "000123450000000017", items: [
                    .init(lineID: "1", productIdentifiers: [.init(qualifier: "UP", value: "036000291452")],
                          quantityShipped: 24, unit: "EA", description: "HEX BOLT 8MM BOX"),
                ]),
                .init(serialShippingContainerCode: "000123450000000024", items: [
                    .init(lineID: "2", productIdentifiers: [.init(qualifier: "SK", value: "WS-DRILL-2")],
                          quantityShipped: 4, unit: "CA"),
                ]),
            ]),
        ])

    @Test func shipNotice856WithPacksRoundTripsToAnEqualDocument() throws {
        let set = try Self.roundTrip("856", Self.shipNotice.segments())
        let read = try ShipNotice856(set)
        #expect(read == Self.shipNotice)
        #expect(read.shipment.standardCarrierAlphaCode == "UPSN")
        #expect(read.shipment.trackingNumber == "1Z999AA10123456784")
        #expect(read.shipment.billOfLading == "BOL-88812")
        #expect(read.shipment.shipDate == "20250318")
    }

    @Test func shipNotice856HierarchyHasSequentialIdsParentsAndChildFlags() throws {
        let levels = Self.shipNotice.segments().filter { $0.id == "HL" }.map(\.description)
        #expect(levels == [
            "HL*1**S*1", "HL*2*1*O*1", "HL*3*2*P*1", "HL*4*3*I*0", "HL*5*2*P*1", "HL*6*5*I*0",
        ])
        #expect(Self.shipNotice.segments().last?.description == "CTT*6*28")
    }

    @Test func shipNotice856WithoutPacksRoundTrips() throws {
        var notice = Self.shipNotice
        notice.orders = [.init(purchaseOrderNumber: "PO-7731", items: [
            .init(lineID: "1", productIdentifiers: [.init(qualifier: "VP", value: "B-8")], quantityShipped: 24, unit: "EA"),
            .init(lineID: "3", productIdentifiers: [.init(qualifier: "VP", value: "W-1")], quantityShipped: 10, unit: "EA"),
        ])]
        let set = try Self.roundTrip("856", notice.segments())
        #expect(try ShipNotice856(set) == notice)
        #expect(set.segments.filter { $0.id == "HL" }.map { $0[3] } == ["S", "O", "I", "I"])
    }

    @Test func shipNotice856WithWrongCTT01IsRejected() throws {
        var body = Self.shipNotice.segments()
        body[body.count - 1] = X12Segment("CTT", "5")
        let set = try Self.roundTrip("856", body)
        #expect(throws: X12DocumentError.self) { try ShipNotice856(set) }
    }

    static let invoice = Invoice810(
        invoiceDate: "20250319", invoiceNumber: "INV-3001", purchaseOrderDate: "20250312", purchaseOrderNumber: "PO-7731",
        currency: "USD", references: [.init(qualifier: "IA", value: "VENDOR-77")],
        parties: [
            X12Party(code: "RE", name: "WHOLESAIL SUPPLY", streetLines: ["PO BOX 12"], city: "RENO", state: "NV",
                     postalCode: "89501"),
            X12Party(code: "BT", name: "HARBOR HARDWARE INC", identificationQualifier: "1", identification: "123456789"),
        ],
        terms: .init(type: "01", basisDateCode: "3", discountPercent: 2, discountDays: 10, netDays: 30,
                     description: "2/10 NET 30"),
        lines: [
            .init(lineID: "1", quantity: 24, unit: "EA", unitPrice: Decimal(string: "3.15") ?? 0, priceBasis: "PE",
                  productIdentifiers: [.init(qualifier: "UP", value: "036000291452")], description: "HEX BOLT 8MM BOX"),
            .init(lineID: "2", quantity: 4, unit: "CA", unitPrice: Decimal(string: "42.5") ?? 0,
                  productIdentifiers: [.init(qualifier: "SK", value: "WS-DRILL-2")],
                  allowancesAndCharges: [.init(indicator: "A", code: "C310", amount: 5, description: "PROMO")]),
        ],
        taxes: [.init(type: "ST", amount: Decimal(string: "20.35"), percent: Decimal(string: "7.25"))],
        allowancesAndCharges: [.init(indicator: "C", code: "D240", amount: Decimal(string: "12.5"))],
        totalAmount: Decimal(string: "273.45") ?? 0)

    @Test func invoice810RoundTripsToAnEqualDocument() throws {
        let set = try Self.roundTrip("810", try Self.invoice.segments())
        #expect(try Invoice810(set) == Self.invoice)
    }

    @Test func invoice810WritesTheTotalAndSACAmountsAsN2() throws {
        let lines = try X12Writer().write(try Self.invoice.segments()).split(separator: "\n")
        #expect(lines.contains("TDS*27345~"))
        #expect(lines.contains("SAC*C*D240***1250~"))
        #expect(lines.contains("SAC*A*C310***500**********PROMO~"))
        #expect(lines.last == "CTT*2~")
    }

    @Test func invoice810TotalWithThreeDecimalsIsRefused() {
        var invoice = Self.invoice
        invoice.totalAmount = Decimal(string: "273.455") ?? 0
        #expect(throws: ImpliedDecimalError.self) { try invoice.segments() }
    }

    @Test func invoice810FromTheTwoGroupFixtureReads() throws {
        let set = try #require(try X12TestFiles.fixture("two-groups.edi").groups.last?.transactionSets.first)
        let invoice = try Invoice810(set)
        #expect(invoice.invoiceNumber == "INV-3001")
        #expect(invoice.totalAmount == Decimal(string: "75.6"))
        #expect(invoice.lines.first?.extendedAmount == Decimal(string: "75.6"))
    }
}
