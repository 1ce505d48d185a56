import Contracts
import Foundation
import Hummingbird
import Persistence
import ServiceKit

/// `GET /v1/availability?sku=…&quantity=…&shipTo=…&region=…&date=…`: per warehouse, nearest to the ship-to
/// first, what is available now (on hand − reserved) and by `date` (plus inbound supply due by then).
///
/// `shipTo` is `<country>` or `<country>-<postal code>` (`DE-80331`), `region` a region code (`BY`), `date` a
/// day (`2027-03-15`, counting supply due by the end of that day, UTC). Read-only: it takes no locks, so a
/// figure can be outdated by the time an order arrives — the reservation decides.
struct AvailabilityRoute: Sendable {
    let store: InventoryStore
    let pool: PostgresPool

    struct Answer: Codable, Sendable {
        struct Warehouse: Codable, Sendable {
            var warehouse: String
            var availableNow: Int
            var availableByDate: Int
            var canFill: Bool?
        }

        var sku: String
        var quantity: Int?
        var date: String?
        var warehouses: [Warehouse]
        var totalNow: Int
        var totalByDate: Int
    }

    func answer(request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        var errors: [ProblemDetails.FieldError] = []
        let sku = query["sku"].map(String.init) ?? ""
        if sku.isEmpty { errors.append(.init(pointer: "?sku", detail: "the query parameter sku is required")) }
        var quantity: Int?
        if let text = query["quantity"].map(String.init) {
            if let value = Int(text), value >= 1 { quantity = value } else { errors.append(.init(pointer: "?quantity", detail: "\"\(text)\" is not a quantity of at least 1")) }
        }
        var cutoff: Date?
        let dateText = query["date"].map(String.init)
        if let dateText {
            if let day = InventoryValidation.day(dateText) { cutoff = day.addingTimeInterval(86_400 - 0.001) } else { errors.append(.init(pointer: "?date", detail: "\"\(dateText)\" is not a date such as 2027-03-15")) }
        }
        var shipTo: PostalAddress?
        if let text = query["shipTo"].map(String.init) {
            let parts = text.split(separator: "-", maxSplits: 1).map(String.init)
            if let country = parts.first, InventoryValidation.isCountryCode(country) {
                shipTo = PostalAddress(lines: [], city: "", region: query["region"].map(String.init), postalCode: parts.count > 1 ? parts[1] : nil, country: country)
            } else {
                errors.append(.init(pointer: "?shipTo", detail: "\"\(text)\" is not <country> or <country>-<postal code>, e.g. DE-80331"))
            }
        }
        guard errors.isEmpty else { throw ProblemDetails.validationFailed(errors) }

        let (positions, inbound, warehouses, known) = try await pool.transaction(isolation: .repeatableRead) { transaction in
            let known = try await store.knownSKUs([sku], in: transaction).contains(sku)
            let positions = try await store.positions(skus: [sku], lock: false, in: transaction)
            let inbound = try await transaction.query(
                "SELECT warehouse, quantity, expected_date::text FROM inbound_supply WHERE sku = $1", sku
            ).compactMap { row -> InboundSupply? in
                guard let day = InventoryValidation.day(try row.decode(String.self, at: 2)) else { return nil }
                return InboundSupply(warehouse: try row.decode(String.self, at: 0), sku: sku, quantity: try row.decode(Int.self, at: 1), expectedDate: day)
            }
            return (positions, inbound, try await store.warehouses(in: transaction), known)
        }
        guard known else {
            throw ProblemDetails(type: "urn:wholesail:problem:unknown-sku", status: .notFound, detail: "SKU \(sku) is unknown; create it with PUT /v1/items/\(sku).")
        }
        var bySKU: [String: AvailableToPromise.Position] = [:]
        for (warehouse, skus) in positions {
            if let position = skus[sku] { bySKU[warehouse] = AvailableToPromise.Position(onHand: position.onHand, reserved: position.reserved) }
        }
        let rows = AvailableToPromise.compute(
            sku: sku, quantity: quantity, date: cutoff, shipTo: shipTo, positions: bySKU, inbound: inbound,
            warehouses: warehouses, now: Date()
        )
        let answer = Answer(
            sku: sku, quantity: quantity, date: dateText,
            warehouses: rows.map { .init(warehouse: $0.warehouse, availableNow: $0.availableNow, availableByDate: $0.availableByDate, canFill: $0.canFill) },
            totalNow: rows.reduce(0) { $0 + $1.availableNow }, totalByDate: rows.reduce(0) { $0 + $1.availableByDate }
        )
        return try StableJSONResponseEncoder.response(answer, status: .ok)
    }
}
