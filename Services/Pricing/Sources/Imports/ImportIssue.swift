/// One thing wrong with an import, located precisely enough to fix: the row (1-based: the JSON array
/// element, or the CSV line counting the header as line 1), the field, and a sentence saying what to do.
public struct ImportIssue: Sendable, Hashable, CustomStringConvertible {
    /// The row, or nil for a document-level field (currency, dates).
    public var row: Int?
    /// The field or CSV column, e.g. `unitPrice` or `unit_price`.
    public var field: String
    /// Where the problem is: a JSON pointer for JSON documents (`/prices/12/unitPrice`), `#row=N` for CSV
    /// (N is the file line the record starts on, the header being line 1 — what an editor shows), or a query
    /// parameter (`?currency`).
    public var pointer: String
    public var detail: String

    public init(row: Int?, field: String, pointer: String, detail: String) {
        self.row = row
        self.field = field
        self.pointer = pointer
        self.detail = detail
    }

    /// `row 14, unit_price: … ` or `currency: …`.
    public var description: String {
        (row.map { "row \($0), " } ?? "") + "\(field): \(detail)"
    }
}
