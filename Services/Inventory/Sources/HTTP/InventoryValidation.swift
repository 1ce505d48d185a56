import Foundation
import Persistence
import ServiceKit

/// Checks shared by the inventory routes; failures are problem+json, and nothing is written.
enum InventoryValidation {
    /// Ids and SKUs: 1–64 of letters, digits and `-_.:`.
    static func identifierProblem(_ value: String, what: String) -> String? {
        guard !value.isEmpty, value.utf8.count <= 64 else { return "\(what) must have 1 to 64 characters" }
        let allowed = value.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"):
                true
            default: false
            }
        }
        return allowed ? nil : "\(what) \"\(value)\" may contain only letters, digits and - _ . :"
    }

    /// The start (UTC) of a `YYYY-MM-DD` day, or nil.
    static func day(_ text: String) -> Date? {
        guard text.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard let date = calendar.date(from: components), calendar.dateComponents([.year, .month, .day], from: date) == components else { return nil }
        return date
    }

    /// 422 unless the SKU and every warehouse are known.
    static func requireKnown(sku: String, warehouses: [String], in transaction: PostgresTransaction) async throws {
        var errors: [ProblemDetails.FieldError] = []
        if try await transaction.query("SELECT 1 FROM items WHERE sku = $1", sku).isEmpty {
            errors.append(.init(pointer: "/sku", detail: "SKU \(sku) is unknown; create it with PUT /v1/items/\(sku)"))
        }
        let known = Set(try await transaction.query("SELECT id FROM warehouses WHERE id = ANY($1)", warehouses).map { try $0.decode(String.self, at: 0) })
        for (index, warehouse) in warehouses.enumerated() where !known.contains(warehouse) {
            errors.append(.init(pointer: index == 0 ? "/warehouse" : "/toWarehouse", detail: "warehouse \(warehouse) is unknown; create it with PUT /v1/warehouses/\(warehouse)"))
        }
        guard errors.isEmpty else { throw ProblemDetails.validationFailed(errors) }
    }
}
