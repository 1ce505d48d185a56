import Contracts
import Foundation
import SuiteDriver

/// One scenario's names and master data. Every SKU, warehouse, customer and price list carries the scenario's label
/// and a random suffix, so scenarios sharing the started suite never see each other's stock, credit or prices.
struct Scenario: Sendable {
    let label: String
    let suffix: String
    let suite: SuiteUnderTest

    init(_ label: String, suite: SuiteUnderTest) {
        self.label = label.uppercased()
        suffix = String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8))
        self.suite = suite
    }

    var client: SuiteClient { suite.client }

    /// Where the scenarios ship to: Hamburg, served first by a warehouse with postal prefix `20`.
    static let hamburg = PostalAddress(company: "Nordlicht Handel GmbH", lines: ["Hafenstraße 12"], city: "Hamburg", postalCode: "20457", country: "DE")

    func sku(_ name: String) -> String { "IT-\(label)-\(name)-\(suffix)" }
    func warehouse(_ name: String) -> String { "IT-\(label)-\(name)-\(suffix)" }
    func customer(_ name: String = "C") -> String { "IT-\(label)-\(name)-\(suffix)" }
    func reference(_ name: String) -> String { "IT-\(label)-\(name)-\(suffix)" }

    static func euros(_ amount: String) throws -> Money {
        try Money.parse(amount, currency: try Currency(code: "EUR"))
    }

    // MARK: - Master data through the services' APIs

    /// A warehouse in Germany serving the given postal prefixes first.
    func warehouse(_ id: String, postalPrefixes: [String]) async throws {
        try await client.putWarehouse(id: id, WarehouseRequest(country: "DE", postalPrefixes: postalPrefixes))
    }

    /// Makes `sku` known to inventory and receives `quantity` units of it into each of `warehouses`.
    func stock(_ sku: String, _ warehouses: [(warehouse: String, quantity: Int)]) async throws {
        try await client.putItem(sku: sku, description: "integration test item \(sku)")
        for (warehouse, quantity) in warehouses where quantity > 0 {
            try await client.recordMovement(.receipt(id: "GR-\(sku)-\(warehouse)", sku: sku, warehouse: warehouse, quantity: quantity))
        }
    }

    /// A EUR price list of this scenario with these base prices, in force since 2020.
    func prices(_ unitPrices: [String: String]) async throws {
        let list = PriceListRequest(
            currency: "EUR", effectiveFrom: Date(timeIntervalSince1970: 1_577_836_800), name: "integration \(label)",
            prices: unitPrices.sorted { $0.key < $1.key }.map { PriceListRequest.Price(sku: $0.key, unitPrice: $0.value) }
        )
        _ = try await client.putPriceList(id: "IT-\(label)-\(suffix)", list)
    }

    /// A EUR customer account with `limit`, and German VAT (19 %, class `standard`) for its invoices.
    func account(_ customer: String, limit: String = "100000.00") async throws {
        try await client.setTaxRate(region: "DE", taxClass: "standard", ratePercent: "19")
        try await client.putCustomer(id: customer, CustomerAccountRequest(creditLimit: try Self.euros(limit), paymentTermsDays: 30, name: "Integration \(label)"))
    }

    /// Submits an order to Hamburg for `customer`.
    func submit(_ reference: String, customer: String, lines: [(sku: String, quantity: Int)]) async throws -> OrderAcceptance {
        let order = OrderSubmission(
            channelOrderReference: self.reference(reference), customer: customer, currency: "EUR", shipTo: Self.hamburg,
            lines: lines.map { OrderSubmission.Line(sku: $0.sku, quantity: $0.quantity) }
        )
        return try await client.submitOrder(order)
    }

    /// The SKU's position in `warehouse` (nil when it has none).
    func position(_ sku: String, in warehouse: String) async throws -> StockPosition? {
        try await client.positions(sku: sku).first { $0.warehouse == warehouse }
    }
}
