import Contracts
import Foundation
import Hummingbird
import Persistence
import ServiceKit

/// The tax table: `PUT /v1/tax-rates/{region}/{taxClass}` (`{"ratePercent": "19"}`), `GET /v1/tax-rates`, and
/// products' tax classes: `PUT /v1/product-tax-classes/{sku}` (`{"taxClass": "reduced"}`).
///
/// Regions are ISO 3166 codes: a country (`DE`) or a country subdivision (`US-NY`); an invoice uses the most
/// specific region of its ship-to that has a rate for the line's class.
struct TaxSettings: Sendable {
    let store: FinanceStore
    let pool: PostgresPool

    struct RateList: Codable {
        var rates: [TaxRate]
    }

    static func code(_ text: String, what: String, pointer: String, pattern: (Character) -> Bool) throws(ProblemDetails) -> String {
        guard (1...40).contains(text.count), text.allSatisfy(pattern) else {
            throw ProblemDetails.validationFailed([.init(pointer: pointer, detail: "\(what) \"\(text)\" must be 1 to 40 of A–Z, 0–9, '-'")])
        }
        return text
    }

    func putRate(region: String, taxClass: String, body: ByteBuffer) async throws -> Response {
        let region = try Self.code(region.uppercased(), what: "region", pointer: "") { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "-") }
        let taxClass = try Self.code(taxClass, what: "tax class", pointer: "") { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        var reader = try FieldReader(try FieldReader.json(Data(body.readableBytesView), what: "the rate"), allowed: ["ratePercent"])
        var rate: Decimal?
        if let text = reader.text("ratePercent", required: true, maximumLength: 12) {
            rate = FinanceConfiguration.percent(text)
            if rate == nil || rate == 100 { reader.fail("/ratePercent", "must be a decimal string from 0 to below 100, e.g. \"19\" or \"8.875\"") }
            if let value = rate, value * 10_000 != Decimal(NSDecimalNumber(decimal: value * 10_000).int64Value) {
                reader.fail("/ratePercent", "at most four decimals")
            }
        }
        try reader.finish("The rate")
        guard let rate else { throw ProblemDetails.validationFailed([], detail: "The rate is incomplete.") }
        let taxRate = TaxRate(region: region, taxClass: taxClass, ratePercent: rate)
        try await pool.transaction { try await store.upsertTaxRate(taxRate, in: $0) }
        return try StableJSONResponseEncoder.response(taxRate, status: .ok)
    }

    func rates() async throws -> Response {
        try StableJSONResponseEncoder.response(RateList(rates: try await pool.transaction { try await store.taxRates(in: $0) }), status: .ok)
    }

    func putProductClass(sku: String, body: ByteBuffer) async throws -> Response {
        guard (1...200).contains(sku.count) else { throw ProblemDetails.validationFailed([.init(pointer: "", detail: "the SKU must be 1 to 200 characters")]) }
        var reader = try FieldReader(try FieldReader.json(Data(body.readableBytesView), what: "the tax class"), allowed: ["taxClass"])
        let taxClass = reader.text("taxClass", required: true, maximumLength: 40)
        try reader.finish("The tax class")
        guard let taxClass else { throw ProblemDetails.validationFailed([], detail: "The tax class is incomplete.") }
        try await pool.transaction { try await store.upsertProductTaxClass(sku: sku, taxClass: taxClass, in: $0) }
        return try StableJSONResponseEncoder.response(["sku": sku, "taxClass": taxClass], status: .ok)
    }
}
