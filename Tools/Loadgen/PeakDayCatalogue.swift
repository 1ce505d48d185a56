import Contracts
import Foundation
import SuiteDriver

/// The peak day's master data, loaded through the services' APIs: three German warehouses each holding enough of
/// every SKU for the whole day, one EUR price list, German VAT, and customer accounts with limits no day exhausts.
struct PeakDayCatalogue {
    static let warehouses: [(id: String, postalPrefixes: [String])] = [
        ("PEAK-HAM", ["20", "21", "22", "23", "24", "25"]), ("PEAK-CGN", ["50", "51", "52", "53"]), ("PEAK-MUC", ["80", "81", "82", "83", "84", "85"]),
    ]

    static func load(_ plan: PeakDayPlan, into client: SuiteClient) async throws {
        for warehouse in warehouses {
            try await client.putWarehouse(id: warehouse.id, WarehouseRequest(country: "DE", postalPrefixes: warehouse.postalPrefixes))
        }
        let demand = plan.demand
        try await forEach(plan.skus, concurrency: 8) { sku in
            try await client.putItem(sku: sku, description: "peak-day item \(sku)")
            let quantity = (demand[sku] ?? 0) + 100
            for warehouse in warehouses {
                _ = try await client.recordMovement(.receipt(id: "PEAK-GR-\(plan.run)-\(sku)-\(warehouse.id)", sku: sku, warehouse: warehouse.id, quantity: quantity))
            }
        }
        _ = try await client.putPriceList(id: "PEAK-EUR", PriceListRequest(
            currency: "EUR", effectiveFrom: Date(timeIntervalSince1970: 1_577_836_800), name: "Peak-day list prices",
            prices: plan.skus.enumerated().map { index, sku in PriceListRequest.Price(sku: sku, unitPrice: "\(1 + index % 40).\(String(format: "%02d", (index * 7) % 100))") }
        ))
        try await client.setTaxRate(region: "DE", taxClass: "standard", ratePercent: "19")
        let limit = try Money.parse("100000000.00", currency: try Currency(code: "EUR"))
        try await forEach(plan.customers, concurrency: 8) { customer in
            _ = try await client.putCustomer(id: customer, CustomerAccountRequest(creditLimit: limit, paymentTermsDays: 30, name: "Peak-day \(customer)"))
        }
    }

    /// Runs `body` for every element, at most `concurrency` at a time.
    static func forEach<Element: Sendable>(_ elements: [Element], concurrency: Int, _ body: @escaping @Sendable (Element) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            while next < elements.count && next < concurrency {
                let element = elements[next]
                group.addTask { try await body(element) }
                next += 1
            }
            while try await group.next() != nil {
                if next < elements.count {
                    let element = elements[next]
                    group.addTask { try await body(element) }
                    next += 1
                }
            }
        }
    }
}
