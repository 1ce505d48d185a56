import Contracts
import Foundation
@testable import Orders
import Testing
import X12

/// The 850 → canonical order mapping on its own, from fixtures (and the public sample when it is there).
@Suite("X12 purchase order mapping")
struct X12PurchaseOrderMapperTests {
    static func partner(_ adjust: (inout EDIPartnerConfiguration) -> Void = { _ in }) -> EDIPartnerConfiguration {
        var partner = EDIPartnerConfiguration(
            id: "harbor", channelName: "shop", interchangeQualifier: "ZZ", interchangeID: "HARBORHW",
            customers: ["92:HARBOR-0042": "C-1"], defaultCurrency: "EUR", items: ["UP:012345678905": "NUT"], unitsOfMeasure: ["EA": 1, "CA": 10]
        )
        adjust(&partner)
        return partner
    }

    static func purchaseOrder(_ lines: [String] = EDIFixtures.purchaseOrder("PO-1", control: "0001")) throws -> (PurchaseOrder850, X12TransactionSet) {
        let interchange = try #require(X12Reader.read(EDIFixtures.interchange(sets: [lines])).interchange)
        let set = try #require(interchange.groups.first?.transactionSets.first)
        return (try PurchaseOrder850(set), set)
    }

    static func map(_ lines: [String] = EDIFixtures.purchaseOrder("PO-1", control: "0001"), partner: EDIPartnerConfiguration = partner()) throws -> X12PurchaseOrderMapper.Mapped {
        let (order, set) = try purchaseOrder(lines)
        return try X12PurchaseOrderMapper.map(order, segments: set.segments, partner: partner)
    }

    static func problems(_ lines: [String], partner: EDIPartnerConfiguration = partner()) throws -> [X12PurchaseOrderMapper.Problem] {
        let (order, set) = try purchaseOrder(lines)
        do {
            _ = try X12PurchaseOrderMapper.map(order, segments: set.segments, partner: partner)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func thePONumberIsTheChannelOrderReference() throws {
        #expect(try Self.map().request.channelOrderReference == "PO-1")
    }

    @Test func theBuyerPartyIsMappedToTheConfiguredCustomer() throws {
        #expect(try Self.map().request.customer == "C-1")
    }

    @Test func anUnknownBuyerFallsBackToTheDefaultCustomer() throws {
        let partner = Self.partner { $0.customers = [:]; $0.defaultCustomer = "C-EDI" }
        #expect(try Self.map(partner: partner).request.customer == "C-EDI")
    }

    @Test func noCustomerAtAllIsAProblemAtTheN1Segment() throws {
        let problems = try Self.problems(EDIFixtures.purchaseOrder("PO-1", control: "0001"), partner: Self.partner { $0.customers = [:] })
        #expect(problems.map(\.segmentID) == ["N1"])
        #expect(problems.first?.position == 5)
    }

    @Test func aSKUQualifierIsTakenAsTheSKUAndAUPCGoesThroughTheItemMap() throws {
        #expect(try Self.map().request.lines.map(\.sku) == ["BOLT", "NUT"])
    }

    @Test func casesAreConvertedToUnitsAndTheirPricePerUnit() throws {
        let line = try #require(try Self.map().request.lines.last)
        #expect(line.quantity == 10)
        #expect(line.unitPrice == Money(minorUnits: 100, currency: .EUR))
    }

    @Test func anUnconfiguredUnitOfMeasureIsAProblemAtPO103() throws {
        let problems = try Self.problems(EDIFixtures.purchaseOrder("PO-1", control: "0001"), partner: Self.partner { $0.unitsOfMeasure = ["EA": 1] })
        #expect(problems.map(\.segmentID) == ["PO1"])
        #expect(problems.first?.elementPosition == 3)
    }

    @Test func aPricePerUnitThatIsNotExactInTheCurrencyIsAProblem() throws {
        let lines = EDIFixtures.purchaseOrder("PO-1", control: "0001").map {
            $0.hasPrefix("PO1*2") ? "PO1*2*1*CA*10.05**UP*012345678905" : ($0.hasPrefix("AMT") ? "AMT*TT*20.05" : $0)
        }
        let problems = try Self.problems(lines)
        #expect(problems.map(\.elementPosition) == [4])
    }

    @Test func theShipToPartyBecomesTheAddress() throws {
        let shipTo = try Self.map().request.shipTo
        #expect(shipTo.company == "Harbor Hardware Warehouse")
        #expect(shipTo.lines == ["Kaiweg 4"])
        #expect(shipTo.city == "Hamburg")
        #expect(shipTo.postalCode == "20457")
        #expect(shipTo.country == "DE")
    }

    @Test func theRequestedDeliveryDateBecomesTheRequestedDate() throws {
        #expect(try Self.map().request.requestedDate == "2026-12-10")
    }

    @Test func theRecordKeepsThePartnersLineIDsUnitsAndProductIDs() throws {
        let record = try Self.map().record
        #expect(record.lines.map(\.lineID) == ["1", "2"])
        #expect(record.lines.map(\.unit) == ["EA", "CA"])
        #expect(record.lines.map(\.unitsPerUOM) == [1, 10])
        #expect(record.lines.first?.productIDs.map(\.qualifier) == ["SK", "VN"])
        #expect(record.purchaseOrderDate == "20261128")
    }

    @Test func aMappedOrderPassesTheIntakeValidator() throws {
        let request = try Self.map().request
        let validated = try OrderRequestValidator.validate(request.canonicalBody)
        #expect(validated == request)
    }

    /// The public node-x12 850 (when `../shared/samples` is there): a VICS PO with buyer catalog (CB) and vendor (VN)
    /// numbers, mapped with a partner that takes VN as the SKU.
    @Test(arguments: Self.sampleFiles())
    func thePublicSample850Maps(path: String) throws {
        let interchange = try #require(X12Reader.read(Array(try Data(contentsOf: URL(fileURLWithPath: path)))).interchange)
        let set = try #require(interchange.groups.first?.transactionSets.first)
        let order = try PurchaseOrder850(set)
        let partner = Self.partner { $0.skuQualifiers = ["VN"]; $0.defaultCustomer = "C-XYZ"; $0.defaultCurrency = "USD" }
        let mapped = try X12PurchaseOrderMapper.map(order, segments: set.segments, partner: partner)
        #expect(mapped.request.lines.count == order.lines.count)
        #expect(mapped.request.lines.first?.sku == "AB3542")
        #expect(mapped.request.lines.first?.unitPrice == Money(minorUnits: 925, currency: .USD))
        #expect(mapped.request.channelOrderReference == order.purchaseOrderNumber)
    }

    static func sampleFiles() -> [String] {
        let samples = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/samples/edi-x12")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? []
        return names.filter { $0.hasPrefix("850") && $0.hasSuffix(".edi") }.sorted().map { samples.appendingPathComponent($0).path }
    }
}
