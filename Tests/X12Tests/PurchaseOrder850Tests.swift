import Foundation
import Testing
import X12

@Suite("850 purchase order")
struct PurchaseOrder850Tests {
    static func set(_ text: String) throws -> X12TransactionSet {
        try #require(X12Reader.read(text).interchange?.groups.first?.transactionSets.first)
    }

    static func fixtureText() throws -> String {
        String(decoding: try X12TestFiles.fixtureBytes("850-star-tilde-crlf.edi"), as: UTF8.self)
    }

    static func order(replacing old: String, with new: String) throws -> Result<PurchaseOrder850, X12DocumentError> {
        let text = try fixtureText()
        #expect(text.contains(old))
        let set = try Self.set(text.replacingOccurrences(of: old, with: new))
        return Result { () throws(X12DocumentError) in try PurchaseOrder850(set) }
    }

    @Test func headerPartiesAndLinesAreRead() throws {
        let order = try PurchaseOrder850(try Self.set(try Self.fixtureText()))
        #expect(order.purpose == "00")
        #expect(order.orderType == "NE")
        #expect(order.purchaseOrderNumber == "PO-7731")
        #expect(order.date == "20250312")
        #expect(order.currency == "USD")
        #expect(order.references == [X12Reference(qualifier: "DP", value: "114")])
        #expect(order.requestedDeliveryDate == "20250320")
        #expect(order.parties.map(\.code) == ["ST", "BT", "VN"])
        let shipTo = try #require(order.parties.first(code: "ST"))
        #expect(shipTo == X12Party(
            code: "ST", name: "HARBOR HARDWARE DC", identificationQualifier: "92", identification: "DC-04",
            streetLines: ["1200 DOCK STREET", "SUITE 5"], city: "PORTLAND", state: "OR", postalCode: "97209",
            country: "US"))
        #expect(order.lines.count == 3)
        #expect(order.declaredLineCount == 3)
        #expect(order.quantityHash == 40)
        #expect(order.totalAmount == Decimal(string: "340.5"))
    }

    @Test func lineQuantitiesPricesAndProductIdentifiersAreKeptInOrder() throws {
        let order = try PurchaseOrder850(try Self.set(try Self.fixtureText()))
        let first = order.lines[0]
        #expect(first.lineID == "1")
        #expect(first.quantity == 24)
        #expect(first.unit == "EA")
        #expect(first.unitPrice == Decimal(string: "3.15"))
        #expect(first.priceBasis == "PE")
        #expect(first.productIdentifiers.map(\.description) == ["UP 036000291452", "VN WS-BOLT-8", "BP HB-1001"])
        #expect(first.productIdentifiers.first?.hasValidCheckDigit == true)
        #expect(first.description == "HEX BOLT 8MM BOX")
        #expect(order.lines[1].productIdentifiers.value(for: "SK") == "WS-DRILL-2")
        #expect(order.lines[1].dates == [X12DateTimeReference(qualifier: "002", date: "20250325")])
        #expect(order.lines[2].description == nil)
    }

    @Test func wrongCTT01IsATotalMismatchNamingCTT() throws {
        guard case .failure(let error) = try Self.order(replacing: "CTT*3*40", with: "CTT*4*40") else {
            Issue.record("expected a CTT01 mismatch")
            return
        }
        #expect(error.kind == .totalMismatch)
        #expect(error.segmentID == "CTT")
        #expect(error.elementPosition == 1)
        #expect(error.position == 17)
    }

    @Test func wrongCTT02QuantityHashIsATotalMismatchNamingCTT02() throws {
        guard case .failure(let error) = try Self.order(replacing: "CTT*3*40", with: "CTT*3*41") else {
            Issue.record("expected a CTT02 mismatch")
            return
        }
        #expect(error.kind == .totalMismatch)
        #expect(error.segmentID == "CTT")
        #expect(error.elementPosition == 2)
    }

    @Test func wrongAMTTotalIsATotalMismatchNamingAMT() throws {
        guard case .failure(let error) = try Self.order(replacing: "AMT*TT*340.5", with: "AMT*TT*340.49") else {
            Issue.record("expected an AMT mismatch")
            return
        }
        #expect(error.kind == .totalMismatch)
        #expect(error.segmentID == "AMT")
        #expect(error.message.contains("340.5"))
    }

    @Test func totalsCanBeReadUncheckedForInspection() throws {
        let text = try Self.fixtureText().replacingOccurrences(of: "CTT*3*40", with: "CTT*4*40")
        let order = try PurchaseOrder850(try Self.set(text), checkingTotals: false)
        #expect(order.declaredLineCount == 4)
    }

    @Test func documentErrorRejectsTheSetIn997WithAK3AndAK4() throws {
        let text = try Self.fixtureText().replacingOccurrences(of: "CTT*3*40", with: "CTT*3*41")
        let interchange = try #require(X12Reader.read(text).interchange)
        let set = try #require(interchange.groups.first?.transactionSets.first)
        var additional: [String: [X12SyntaxError]] = [:]
        do {
            _ = try PurchaseOrder850(set)
        } catch {
            additional[set.controlNumber] = [error.syntaxError]
        }
        let acknowledgment = try #require(
            FunctionalAcknowledgment.acknowledgments(for: interchange, additionalErrors: additional).first)
        #expect(acknowledgment.segments().map(\.description) == [
            "AK1*PO*501*004010", "AK2*850*0001", "AK3*CTT*17**8", "AK4*2**7", "AK5*R*5", "AK9*R*1*1*0",
        ])
    }

    @Test func nonNumericQuantityNamesPO102() throws {
        guard case .failure(let error) = try Self.order(replacing: "PO1*1*24*EA", with: "PO1*1*2X*EA") else {
            Issue.record("expected an invalid quantity")
            return
        }
        #expect(error.kind == .invalidValue)
        #expect(error.segmentID == "PO1")
        #expect(error.elementPosition == 2)
        #expect(error.position == 11)
    }

    @Test func missingBEGIsAMissingSegment() throws {
        guard case .failure(let error) = try Self.order(replacing: "BEG*00*NE*PO-7731**20250312", with: "REF*ZZ*NOBEG")
        else {
            Issue.record("expected a missing BEG")
            return
        }
        #expect(error.kind == .missingSegment)
        #expect(error.segmentID == "BEG")
        #expect(error.syntaxError.code == .segment(.mandatorySegmentMissing))
    }

    @Test func invalidOrderDateIsNamed() throws {
        guard case .failure(let error) = try Self.order(replacing: "**20250312", with: "**20251332") else {
            Issue.record("expected an invalid date")
            return
        }
        #expect(error.segmentID == "BEG")
        #expect(error.elementPosition == 5)
        #expect(error.syntaxError.code == .element(.invalidDate))
    }

    @Test func otherTransactionSetIsRefused() throws {
        let interchange = try X12TestFiles.fixture("two-groups.edi")
        let invoice = try #require(interchange.groups.last?.transactionSets.first)
        #expect(throws: X12DocumentError.self) { try PurchaseOrder850(invoice) }
    }

    @Test(arguments: X12TestFiles.fixtureNames().filter { $0.hasPrefix("850") })
    func everyFixtureReadsAsAnOrderWithCheckedTotals(name: String) throws {
        let set = try #require(try X12TestFiles.fixture(name).groups.first?.transactionSets.first)
        let order = try PurchaseOrder850(set)
        #expect(order.lines.map(\.quantity) == [24, 6, 10])
    }
}
