/// One price as an import states it, before validation: a SKU's price from a minimum quantity (1 = the base
/// price, more = a tier), with where it came from. JSON documents and CSV files both become entries.
struct PriceEntry: Sendable {
    /// Where the entry sits, for issues.
    struct Location: Sendable {
        var row: Int
        /// The pointer prefix of this entry's fields (`/prices/3` or `/prices/3/tiers/1`), or `#row=14` for CSV.
        var pointer: String
        /// How fields are named in issues: JSON names (`unitPrice`) or CSV columns (`unit_price`).
        var csvColumns: Bool

        func issue(_ field: PriceEntry.Field, _ detail: String) -> ImportIssue {
            let name = csvColumns ? field.csvColumn : field.jsonName
            return ImportIssue(row: row, field: name, pointer: csvColumns ? pointer : "\(pointer)/\(name)", detail: detail)
        }
    }

    enum Field {
        case sku, category, minimumQuantity, unitPrice

        var jsonName: String {
            switch self {
            case .sku: "sku"
            case .category: "category"
            case .minimumQuantity: "minimumQuantity"
            case .unitPrice: "unitPrice"
            }
        }

        var csvColumn: String {
            switch self {
            case .sku: "sku"
            case .category: "category"
            case .minimumQuantity: "min_quantity"
            case .unitPrice: "unit_price"
            }
        }
    }

    var location: Location
    var sku: String
    var category: String?
    var minimumQuantity: Int
    var unitPrice: String
}
