import Contracts
import Foundation
import SuiteDriver

/// The demo's master data: two warehouses, three fasteners, a EUR price list, German VAT and two customers — one
/// with room on its credit limit and one without. Loading it again changes nothing (every write is keyed).
struct DemoCatalogue {
    static let hamburg = PostalAddress(company: "Nordlicht Handel GmbH", lines: ["Hafenstraße 12"], city: "Hamburg", postalCode: "20457", country: "DE")
    static let munich = PostalAddress(company: "Isar Bau KG", lines: ["Leopoldstraße 8"], city: "München", postalCode: "80802", country: "DE")

    static let items: [(sku: String, description: String, price: String, stock: [(warehouse: String, quantity: Int)])] = [
        ("DEMO-BOLT-M8-50", "Hex bolt M8×50, zinc plated", "0.18", [("DEMO-HAM", 5_000), ("DEMO-MUC", 2_000)]),
        ("DEMO-NUT-M8", "Hex nut M8, zinc plated", "0.04", [("DEMO-HAM", 10_000)]),
        ("DEMO-WASHER-M8", "Washer M8, DIN 125", "0.02", [("DEMO-MUC", 8_000)]),
    ]

    /// A customer with a generous limit, and one whose limit a single order exceeds.
    static let goodCustomer = "DEMO-C-NORDLICHT"
    static let tightCustomer = "DEMO-C-ISAR"

    static func load(into client: SuiteClient) async throws {
        try await client.putWarehouse(id: "DEMO-HAM", WarehouseRequest(country: "DE", postalPrefixes: ["20", "21", "22", "23", "24", "25"]))
        try await client.putWarehouse(id: "DEMO-MUC", WarehouseRequest(country: "DE", postalPrefixes: ["80", "81", "82", "83", "84", "85"]))
        for item in items {
            try await client.putItem(sku: item.sku, description: item.description)
            for (warehouse, quantity) in item.stock {
                _ = try await client.recordMovement(.receipt(id: "DEMO-GR-\(item.sku)-\(warehouse)", sku: item.sku, warehouse: warehouse, quantity: quantity))
            }
        }
        _ = try await client.putPriceList(id: "DEMO-EUR", PriceListRequest(
            currency: "EUR", effectiveFrom: Date(timeIntervalSince1970: 1_577_836_800), name: "Demo list prices",
            prices: items.map { PriceListRequest.Price(sku: $0.sku, unitPrice: $0.price) }
        ))
        try await client.setTaxRate(region: "DE", taxClass: "standard", ratePercent: "19")
        let euro = try Currency(code: "EUR")
        _ = try await client.putCustomer(id: goodCustomer, CustomerAccountRequest(
            creditLimit: try Money.parse("50000.00", currency: euro), paymentTermsDays: 30, name: "Nordlicht Handel GmbH"))
        _ = try await client.putCustomer(id: tightCustomer, CustomerAccountRequest(
            creditLimit: try Money.parse("100.00", currency: euro), paymentTermsDays: 14, name: "Isar Bau KG"))
    }
}
