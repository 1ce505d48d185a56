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

    /// The start (UTC) of a `YYYY-MM-DD` day, or nil. Parsed by hand: it runs for every inbound row of an
    /// availability query, where a regex and a calendar per call were a sixth of the service's CPU.
    static func day(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), (1...12).contains(month) else { return nil }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[month - 1]).contains(day) else { return nil }
        // Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Date(timeIntervalSince1970: TimeInterval(days) * 86_400)
    }

    /// Two upper-case ASCII letters (an ISO 3166-1 alpha-2 code).
    static func isCountryCode(_ text: String) -> Bool {
        text.utf8.count == 2 && text.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
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
