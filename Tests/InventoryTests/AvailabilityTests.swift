import Contracts
import Foundation
@testable import Inventory
import Testing
import WholesailTestSupport

/// `GET /v1/availability` (with `PUT /v1/stock/inbound/{id}` feeding it) through the real service and database:
/// available now, available by a date with inbound supply, ship-to ordering, `canFill`, and bad input.
@Suite("Availability")
struct AvailabilityTests {
    static let austria = (id: "AT-1", country: "AT", regions: ["W"], postalPrefixes: ["10"])
    static let bavaria = (id: "BY-1", country: "DE", regions: ["BY"], postalPrefixes: ["80", "81"])
    static let hamburg = (id: "HH-1", country: "DE", regions: ["HH"], postalPrefixes: ["20", "21", "22"])

    /// The answer of `GET /v1/availability`.
    struct Availability: Decodable, Equatable {
        struct Row: Decodable, Equatable {
            var warehouse: String
            var availableNow: Int
            var availableByDate: Int
            var canFill: Bool?
        }

        var sku: String
        var quantity: Int?
        var date: String?
        var warehouses: [Row]
        var totalNow: Int
        var totalByDate: Int
    }

    // MARK: Now and by date

    @Test func supplyDueOnTheDateCountsAndSupplyDueTheDayAfterDoesNot() async throws {
        try await InventoryServiceHarness.with("inv_atp_by_date") { service, _ in
            try await service.load(warehouses: [Self.bavaria], items: ["A"], stock: [("BY-1", "A", 10)])
            try await Self.inbound(service, "PO-1", warehouse: "BY-1", sku: "A", quantity: 100, expectedDate: "2090-06-15")
            try await Self.inbound(service, "PO-2", warehouse: "BY-1", sku: "A", quantity: 40, expectedDate: "2090-06-16")

            let now = try await Self.availability(service, "sku=A")
            #expect(now == Availability(sku: "A", warehouses: [.init(warehouse: "BY-1", availableNow: 10, availableByDate: 10)], totalNow: 10, totalByDate: 10))
            let byDate = try await Self.availability(service, "sku=A&date=2090-06-15")
            #expect(byDate == Availability(
                sku: "A", date: "2090-06-15", warehouses: [.init(warehouse: "BY-1", availableNow: 10, availableByDate: 110)], totalNow: 10, totalByDate: 110
            ))
            #expect(try await Self.availability(service, "sku=A&date=2090-06-14").warehouses.map(\.availableByDate) == [10])
            #expect(try await Self.availability(service, "sku=A&date=2090-06-16").warehouses.map(\.availableByDate) == [150])
        }
    }

    @Test func overdueSupplyCountsByNowButNotAsAvailableNow() async throws {
        try await InventoryServiceHarness.with("inv_atp_overdue") { service, _ in
            try await service.load(warehouses: [Self.bavaria], items: ["A"], stock: [("BY-1", "A", 10)])
            try await Self.inbound(service, "PO-LATE", warehouse: "BY-1", sku: "A", quantity: 5, expectedDate: "2020-06-01")
            #expect(try await Self.availability(service, "sku=A").warehouses == [.init(warehouse: "BY-1", availableNow: 10, availableByDate: 15)])
            // A date in the past means now.
            #expect(try await Self.availability(service, "sku=A&date=2020-01-01").warehouses == [.init(warehouse: "BY-1", availableNow: 10, availableByDate: 15)])
        }
    }

    @Test func aWarehouseWithOnlyInboundSupplyIsListed() async throws {
        try await InventoryServiceHarness.with("inv_atp_inbound_only") { service, _ in
            try await service.load(warehouses: [Self.bavaria, Self.hamburg], items: ["A"], stock: [("BY-1", "A", 10)])
            try await Self.inbound(service, "PO-1", warehouse: "HH-1", sku: "A", quantity: 30, expectedDate: "2090-06-15")
            #expect(try await Self.availability(service, "sku=A").warehouses == [
                .init(warehouse: "BY-1", availableNow: 10, availableByDate: 10), .init(warehouse: "HH-1", availableNow: 0, availableByDate: 0),
            ])
            let byDate = try await Self.availability(service, "sku=A&date=2090-06-15")
            #expect(byDate.warehouses == [
                .init(warehouse: "BY-1", availableNow: 10, availableByDate: 10), .init(warehouse: "HH-1", availableNow: 0, availableByDate: 30),
            ])
            #expect(byDate.totalNow == 10)
            #expect(byDate.totalByDate == 40)
        }
    }

    @Test func inboundSupplyPutAgainReplacesItInsteadOfAdding() async throws {
        try await InventoryServiceHarness.with("inv_atp_inbound_replace") { service, _ in
            try await service.load(warehouses: [Self.bavaria], items: ["A"], stock: [("BY-1", "A", 10)])
            try await Self.inbound(service, "PO-1", warehouse: "BY-1", sku: "A", quantity: 100, expectedDate: "2090-06-15")
            try await Self.inbound(service, "PO-1", warehouse: "BY-1", sku: "A", quantity: 60, expectedDate: "2090-06-20")
            #expect(try await Self.availability(service, "sku=A&date=2090-06-15").warehouses.map(\.availableByDate) == [10])
            #expect(try await Self.availability(service, "sku=A&date=2090-06-20").warehouses.map(\.availableByDate) == [70])
        }
    }

    @Test func deletedInboundSupplyStopsCounting() async throws {
        try await InventoryServiceHarness.with("inv_atp_inbound_delete") { service, schema in
            try await service.load(warehouses: [Self.bavaria], items: ["A"], stock: [("BY-1", "A", 10)])
            try await Self.inbound(service, "PO-1", warehouse: "BY-1", sku: "A", quantity: 100, expectedDate: "2020-06-15")
            try await Self.inbound(service, "PO-2", warehouse: "BY-1", sku: "A", quantity: 7, expectedDate: "2020-06-15")
            #expect(try await Self.availability(service, "sku=A").totalByDate == 117)
            // PO-1 arrived: its receipt raises on hand, and the supply is closed.
            #expect(try await service.post("/v1/stock/movements", json: #"{"id": "GR-PO-1", "kind": "receipt", "sku": "A", "warehouse": "BY-1", "quantity": 100}"#).status == 201)
            #expect(try await service.client.send("DELETE", "/v1/stock/inbound/PO-1").status == 204)
            #expect(try await Self.availability(service, "sku=A").warehouses == [.init(warehouse: "BY-1", availableNow: 110, availableByDate: 117)])
            // Deleting again (a resend) or something never sent is still 204.
            #expect(try await service.client.send("DELETE", "/v1/stock/inbound/PO-1").status == 204)
            #expect(try await service.client.send("DELETE", "/v1/stock/inbound/PO-NEVER").status == 204)
            #expect(try await schema.pool.query("SELECT id FROM inbound_supply").map { try $0.decode(String.self, at: 0) } == ["PO-2"])
        }
    }

    @Test func reservedStockReducesAvailableNow() async throws {
        try await InventoryServiceHarness.with("inv_atp_reserved") { service, _ in
            try await service.load(warehouses: [Self.bavaria], items: ["A"], stock: [("BY-1", "A", 10)])
            _ = try await service.order("O-1", [("A", 3)])
            _ = try #require(try await service.collect(ReservationConfirmed.self, expecting: 1).first)
            let answer = try await Self.availability(service, "sku=A&quantity=8")
            #expect(answer == Availability(
                sku: "A", quantity: 8, warehouses: [.init(warehouse: "BY-1", availableNow: 7, availableByDate: 7, canFill: false)], totalNow: 7, totalByDate: 7
            ))
        }
    }

    @Test func aKnownSKUWithoutStockOrSupplyListsNoWarehouses() async throws {
        try await InventoryServiceHarness.with("inv_atp_no_stock") { service, _ in
            try await service.load(warehouses: [Self.bavaria], items: ["A"], stock: [])
            #expect(try await Self.availability(service, "sku=A") == Availability(sku: "A", warehouses: [], totalNow: 0, totalByDate: 0))
        }
    }

    // MARK: Ship-to and quantity

    @Test func theWarehouseServingTheShipToPostalCodeComesFirst() async throws {
        try await InventoryServiceHarness.with("inv_atp_ship_to") { service, _ in
            try await service.load(
                warehouses: [Self.austria, Self.bavaria, Self.hamburg], items: ["A"],
                stock: [("AT-1", "A", 1), ("BY-1", "A", 2), ("HH-1", "A", 3)]
            )
            // Without a ship-to: by id.
            #expect(try await Self.availability(service, "sku=A").warehouses.map(\.warehouse) == ["AT-1", "BY-1", "HH-1"])
            // Hamburg serves prefix 20; the other German warehouse next; another country last.
            #expect(try await Self.availability(service, "sku=A&shipTo=DE-20354").warehouses.map(\.warehouse) == ["HH-1", "BY-1", "AT-1"])
            #expect(try await Self.availability(service, "sku=A&shipTo=DE-80331").warehouses.map(\.warehouse) == ["BY-1", "HH-1", "AT-1"])
            #expect(try await Self.availability(service, "sku=A&shipTo=AT-1010").warehouses.map(\.warehouse) == ["AT-1", "BY-1", "HH-1"])
            // The figures travel with their warehouse.
            #expect(try await Self.availability(service, "sku=A&shipTo=DE-20354").warehouses.map(\.availableNow) == [3, 2, 1])
        }
    }

    @Test func aShipToRegionWithoutPostalCodeRanksTheRegionsWarehouseFirst() async throws {
        try await InventoryServiceHarness.with("inv_atp_region") { service, _ in
            try await service.load(warehouses: [Self.austria, Self.bavaria, Self.hamburg], items: ["A"], stock: [("AT-1", "A", 1), ("BY-1", "A", 2), ("HH-1", "A", 3)])
            #expect(try await Self.availability(service, "sku=A&shipTo=DE&region=HH").warehouses.map(\.warehouse) == ["HH-1", "BY-1", "AT-1"])
            // A country alone ranks its warehouses by id, before other countries.
            #expect(try await Self.availability(service, "sku=A&shipTo=DE").warehouses.map(\.warehouse) == ["BY-1", "HH-1", "AT-1"])
        }
    }

    @Test func aQuantityTellsEachWarehouseWhetherItCanFillByTheDate() async throws {
        try await InventoryServiceHarness.with("inv_atp_can_fill") { service, _ in
            try await service.load(warehouses: [Self.austria, Self.bavaria, Self.hamburg], items: ["A"], stock: [("AT-1", "A", 4), ("BY-1", "A", 10), ("HH-1", "A", 3)])
            try await Self.inbound(service, "PO-1", warehouse: "HH-1", sku: "A", quantity: 2, expectedDate: "2090-06-15")

            let now = try await Self.availability(service, "sku=A&quantity=5")
            #expect(now.quantity == 5)
            #expect(now.warehouses.map(\.canFill) == [false, true, false])
            let byDate = try await Self.availability(service, "sku=A&quantity=5&date=2090-06-15")
            // Hamburg: 3 now + 2 due = exactly 5.
            #expect(byDate.warehouses == [
                .init(warehouse: "AT-1", availableNow: 4, availableByDate: 4, canFill: false),
                .init(warehouse: "BY-1", availableNow: 10, availableByDate: 10, canFill: true),
                .init(warehouse: "HH-1", availableNow: 3, availableByDate: 5, canFill: true),
            ])
            // Without a quantity, canFill is absent, not false.
            let plain = try await service.client.get("/v1/availability?sku=A")
            let firstRow = try #require(try plain.json()["warehouses"]?.arrayValue?.first)
            #expect(firstRow["canFill"] == nil)
            #expect(try plain.json()["quantity"] == nil)
        }
    }

    // MARK: Bad input

    @Test func anUnknownSKUIs404() async throws {
        try await InventoryServiceHarness.with("inv_atp_unknown") { service, _ in
            try await service.load(warehouses: [Self.bavaria], items: ["A"], stock: [("BY-1", "A", 10)])
            let response = try await service.client.get("/v1/availability?sku=NOPE")
            #expect(response.status == 404)
            #expect(response.header("Content-Type") == "application/problem+json")
            let problem = try response.problem()
            #expect(problem.type == "urn:wholesail:problem:unknown-sku")
            #expect(problem.status.code == 404)
            #expect(problem.detail == "SKU NOPE is unknown; create it with PUT /v1/items/NOPE.")
        }
    }

    @Test func badQueryParametersAre422WithPointers() async throws {
        try await InventoryServiceHarness.with("inv_atp_bad") { service, _ in
            try await service.load(warehouses: [Self.bavaria], items: ["A"], stock: [("BY-1", "A", 10)])
            let cases: [(query: String, pointers: [String])] = [
                ("sku=A&date=2027-02-30", ["?date"]),
                ("sku=A&date=15.03.2027", ["?date"]),
                ("sku=A&date=2027-3-15", ["?date"]),
                ("sku=A&quantity=0", ["?quantity"]),
                ("sku=A&quantity=-1", ["?quantity"]),
                ("sku=A&quantity=ten", ["?quantity"]),
                ("sku=A&quantity=1.5", ["?quantity"]),
                ("sku=A&shipTo=de-80331", ["?shipTo"]),
                ("sku=A&shipTo=Germany", ["?shipTo"]),
                ("quantity=1", ["?sku"]),
                // Every problem at once, checked before the SKU is looked up.
                ("sku=NOPE&quantity=0&date=tomorrow&shipTo=D", ["?quantity", "?date", "?shipTo"]),
            ]
            for (query, pointers) in cases {
                let response = try await service.client.get("/v1/availability?\(query)")
                #expect(response.status == 422, "\(query)")
                #expect(response.header("Content-Type") == "application/problem+json", "\(query)")
                let problem = try response.problem()
                #expect(problem.type == "urn:wholesail:problem:validation-failed", "\(query)")
                #expect(problem.errors.map(\.pointer) == pointers, "\(query)")
            }
        }
    }

    @Test func badInboundSupplyIs422AndNotCounted() async throws {
        try await InventoryServiceHarness.with("inv_atp_bad_inbound") { service, schema in
            try await service.load(warehouses: [Self.bavaria], items: ["A"], stock: [("BY-1", "A", 10)])
            let cases: [(body: String, pointers: [String])] = [
                (#"{"warehouse": "BY-1", "sku": "A", "quantity": 0, "expectedDate": "2090-06-15"}"#, ["/quantity"]),
                (#"{"warehouse": "BY-1", "sku": "A", "quantity": 3000000000, "expectedDate": "2090-06-15"}"#, ["/quantity"]),
                (#"{"warehouse": "BY-1", "sku": "A", "quantity": 5, "expectedDate": "2090-02-30"}"#, ["/expectedDate"]),
                (#"{"warehouse": "BY-1", "sku": "NOPE", "quantity": 5, "expectedDate": "2090-06-15"}"#, ["/sku"]),
                (#"{"warehouse": "NOWHERE", "sku": "A", "quantity": 5, "expectedDate": "2090-06-15"}"#, ["/warehouse"]),
            ]
            for (body, pointers) in cases {
                let response = try await service.put("/v1/stock/inbound/PO-1", json: body)
                #expect(response.status == 422, "\(body)")
                #expect(try response.problem().errors.map(\.pointer) == pointers, "\(body)")
            }
            #expect(try await schema.pool.query("SELECT count(*) FROM inbound_supply").first?.decode(Int.self, at: 0) == 0)
            #expect(try await Self.availability(service, "sku=A&date=2090-06-15").totalByDate == 10)
        }
    }

    // MARK: Helpers

    static func inbound(_ service: ServiceHarness, _ id: String, warehouse: String, sku: String, quantity: Int, expectedDate: String) async throws {
        let response = try await service.put(
            "/v1/stock/inbound/\(id)", json: #"{"warehouse": "\#(warehouse)", "sku": "\#(sku)", "quantity": \#(quantity), "expectedDate": "\#(expectedDate)"}"#
        )
        guard response.status == 204 else { throw TestFailure("inbound \(id): \(response.status) \(response.text)") }
    }

    static func availability(_ service: ServiceHarness, _ query: String) async throws -> Availability {
        let response = try await service.client.get("/v1/availability?\(query)")
        guard response.status == 200 else { throw TestFailure("availability \(query): \(response.status) \(response.text)") }
        return try StableJSON.decode(Availability.self, from: response.body)
    }
}

/// The hand-written day parser agrees with the calendar.
@Suite("Day parsing")
struct DayParsingTests {
    @Test func everyDayFrom1999To2101ParsesToMidnightUTC() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var date = try #require(calendar.date(from: DateComponents(year: 1999, month: 1, day: 1)))
        let end = try #require(calendar.date(from: DateComponents(year: 2101, month: 1, day: 1)))
        while date < end {
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let text = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
            #expect(InventoryValidation.day(text) == date, "\(text)")
            if InventoryValidation.day(text) != date { break }
            date = date.addingTimeInterval(86_400)
        }
    }

    @Test(arguments: ["2027-02-29", "2100-02-29", "2027-13-01", "2027-00-10", "2027-04-31", "2027-4-01", "27-04-01", "2027/04/01", "2027-04-01T00:00:00Z", ""])
    func impossibleOrMalformedDaysAreRefused(text: String) {
        #expect(InventoryValidation.day(text) == nil)
    }

    @Test func leapDaysExistInLeapYears() {
        #expect(InventoryValidation.day("2028-02-29") != nil)
        #expect(InventoryValidation.day("2000-02-29") != nil)
    }
}
