import Foundation

/// The CSV form of a price list import (`PUT /v1/price-lists/{id}` with `Content-Type: text/csv`).
///
/// The header names the columns, in any order (case-insensitive):
///
/// | column | required | meaning |
/// |---|---|---|
/// | `sku` | yes | the SKU |
/// | `unit_price` | yes | decimal string in the list's currency, e.g. `0.42` |
/// | `min_quantity` | no | 1 (or empty) for the base price; 2 or more for a quantity tier of the same SKU |
/// | `category` | no | the SKU's category (promotion scope, tax class); the same on every row of a SKU |
///
/// ```
/// sku,category,min_quantity,unit_price
/// BOLT-M8,fasteners,1,0.42
/// BOLT-M8,fasteners,100,0.38
/// ```
/// The list's own attributes travel as query parameters: `currency` (required), `effectiveFrom` (required,
/// ISO 8601), `effectiveTo` and `name` (optional). Row numbers in errors are file lines, the header being line 1.
public enum PriceListCSV {
    public static let requiredColumns = ["sku", "unit_price"]
    public static let optionalColumns = ["min_quantity", "category"]

    /// The import described by `text` for the list `id`, carrying any reading issues for ``PriceListImport/validated()``.
    public static func makeImport(
        id: String, text: String, currency: String, name: String?, effectiveFrom: Date, effectiveTo: Date?
    ) -> PriceListImport {
        let queryPointer: @Sendable (String) -> String = { "?\($0)" }
        func rejected(_ issues: [ImportIssue]) -> PriceListImport {
            PriceListImport(
                id: id, name: name, currency: currency, effectiveFrom: effectiveFrom, effectiveTo: effectiveTo,
                entries: [], readIssues: issues, documentFieldPointer: queryPointer
            )
        }
        let records: [CSVReader.Record]
        do throws(CSVReader.SyntaxError) {
            records = try CSVReader.records(text)
        } catch {
            return rejected([ImportIssue(row: error.line, field: "csv", pointer: "#row=\(error.line)", detail: error.detail)])
        }
        guard let header = records.first else {
            return rejected([ImportIssue(row: 1, field: "header", pointer: "#row=1", detail: "the file is empty; the first line must be the header \(documentedHeader)")])
        }
        var columns: [String: Int] = [:]
        var issues: [ImportIssue] = []
        for (index, name) in header.fields.enumerated() {
            let column = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard (requiredColumns + optionalColumns).contains(column) else {
                issues.append(ImportIssue(row: header.line, field: "header", pointer: "#row=\(header.line)", detail: "unknown column \"\(name)\"; the columns are \(documentedHeader)"))
                continue
            }
            guard columns[column] == nil else {
                issues.append(ImportIssue(row: header.line, field: "header", pointer: "#row=\(header.line)", detail: "column \(column) appears twice"))
                continue
            }
            columns[column] = index
        }
        for column in requiredColumns where columns[column] == nil {
            issues.append(ImportIssue(row: header.line, field: "header", pointer: "#row=\(header.line)", detail: "the required column \(column) is missing; the columns are \(documentedHeader)"))
        }
        guard issues.isEmpty, let skuColumn = columns["sku"], let priceColumn = columns["unit_price"] else { return rejected(issues) }

        var entries: [PriceEntry] = []
        entries.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            let location = PriceEntry.Location(row: record.line, pointer: "#row=\(record.line)", csvColumns: true)
            guard record.fields.count == header.fields.count else {
                issues.append(ImportIssue(row: record.line, field: "csv", pointer: location.pointer, detail: "\(record.fields.count) fields where the header has \(header.fields.count)"))
                continue
            }
            func value(_ column: String) -> String? {
                guard let index = columns[column] else { return nil }
                let text = record.fields[index].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            var minimumQuantity = 1
            if let text = value("min_quantity") {
                guard let quantity = Int(text) else {
                    issues.append(location.issue(.minimumQuantity, "\"\(text)\" is not a whole number"))
                    continue
                }
                minimumQuantity = quantity
            }
            entries.append(PriceEntry(
                location: location,
                sku: record.fields[skuColumn].trimmingCharacters(in: .whitespaces),
                category: value("category"),
                minimumQuantity: minimumQuantity,
                unitPrice: record.fields[priceColumn].trimmingCharacters(in: .whitespaces)
            ))
        }
        return PriceListImport(
            id: id, name: name, currency: currency, effectiveFrom: effectiveFrom, effectiveTo: effectiveTo,
            entries: entries, readIssues: issues, documentFieldPointer: queryPointer
        )
    }

    /// The header as README documents it.
    public static let documentedHeader = "sku,category,min_quantity,unit_price (sku and unit_price required)"
}
