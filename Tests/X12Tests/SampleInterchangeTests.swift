import Foundation
import Testing
import X12

/// Every file in `../shared/samples/edi-x12` (none in a clean clone: zero cases run).
@Suite("Shared EDI X12 samples")
struct SampleInterchangeTests {
    @Test(arguments: X12TestFiles.sampleNames())
    func sampleReadsWithZeroEnvelopeErrors(name: String) throws {
        let interchange = try X12TestFiles.sample(name)
        #expect(interchange.allErrors.isEmpty, "\(interchange.allErrors)")
        #expect(!interchange.groups.isEmpty)
    }

    @Test(arguments: X12TestFiles.sampleNames())
    func sampleSetsReadIntoTheirTypedDocuments(name: String) throws {
        let interchange = try X12TestFiles.sample(name)
        let sets = interchange.groups.flatMap(\.transactionSets)
        #expect(!sets.isEmpty)
        for set in sets {
            switch set.identifier {
            case "850": _ = try PurchaseOrder850(set)
            case "855": _ = try PurchaseOrderAcknowledgment855(set)
            case "856": _ = try ShipNotice856(set)
            case "810": _ = try Invoice810(set)
            default: Issue.record("no typed reader for \(set.identifier) in \(name)")
            }
        }
    }

    @Test(arguments: X12TestFiles.sampleNames())
    func acknowledgmentForSampleReReadsCleanly(name: String) throws {
        let interchange = try X12TestFiles.sample(name)
        for acknowledgment in FunctionalAcknowledgment.acknowledgments(for: interchange) {
            #expect(acknowledgment.groupStatus == .accepted)
            let header = X12EnvelopeHeader(
                senderQualifier: interchange.receiverQualifier, senderID: interchange.receiverID,
                receiverQualifier: interchange.senderQualifier, receiverID: interchange.senderID,
                date: Date(timeIntervalSince1970: 1_741_771_500), interchangeControlNumber: 77, groupControlNumber: 77)
            let writer = X12Writer(delimiters: interchange.delimiters)
            let text = try writer.interchange(header: header, transactionSets: [acknowledgment.outgoing(controlNumber: "0001")])
            let reread = try #require(X12Reader.read(text).interchange)
            #expect(reread.allErrors.isEmpty)
            let set = try #require(reread.groups.first?.transactionSets.first)
            #expect(try FunctionalAcknowledgment(set) == acknowledgment)
        }
    }

    @Test(arguments: X12TestFiles.sampleNames().filter { $0.hasPrefix("850") })
    func sample850TotalsAgree(name: String) throws {
        let set = try #require(try X12TestFiles.sample(name).groups.first?.transactionSets.first)
        let order = try PurchaseOrder850(set)
        #expect(order.lines.count == order.declaredLineCount)
        #expect(order.totalAmount == order.lines.reduce(Decimal(0)) { $0 + ($1.extendedAmount ?? 0) })
        #expect(order.parties.first(code: "ST") != nil)
    }

    @Test(arguments: X12TestFiles.sampleNames().filter { $0.hasPrefix("810") })
    func sample810TotalsAreReadAsN2(name: String) throws {
        let sets = try X12TestFiles.sample(name).groups.flatMap(\.transactionSets)
        #expect(sets.count == 2)
        for set in sets {
            let invoice = try Invoice810(set)
            #expect(invoice.totalAmount == Decimal(string: "2554.38"))
            #expect(invoice.parties.map(\.code) == ["ST", "BT", "RE"])
            #expect(invoice.terms?.description != nil)
        }
    }

    @Test(arguments: X12TestFiles.sampleNames().filter { $0.hasPrefix("856") })
    func sample856HierarchyIsShipmentOrderItems(name: String) throws {
        let set = try #require(try X12TestFiles.sample(name).groups.first?.transactionSets.first)
        let notice = try ShipNotice856(set)
        #expect(notice.orders.count == 1)
        #expect(notice.orders.first?.items.count == 2)
        #expect(notice.orders.first?.packs.isEmpty == true)
        #expect(notice.shipment.billOfLading != nil)
        #expect(notice.shipment.trackingNumber != nil)
    }

    @Test(arguments: X12TestFiles.sampleNames().filter { $0.hasPrefix("855") })
    func sample855LinesCarryTheirStatuses(name: String) throws {
        let set = try #require(try X12TestFiles.sample(name).groups.first?.transactionSets.first)
        let acknowledgment = try PurchaseOrderAcknowledgment855(set)
        #expect(!acknowledgment.lines.isEmpty)
        #expect(acknowledgment.lines.allSatisfy { !$0.acknowledgments.isEmpty })
    }
}
