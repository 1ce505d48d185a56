/// One row of ``PostgresRows``, decoded cell by cell into Swift types.
///
/// ```swift
/// let id = try row.decode(Int64.self, at: 0)
/// let name = try row.decode(String.self, column: "name")
/// let shippedAt = try row.decode(Date?.self, column: "shipped_at")   // NULL → nil
/// ```
public struct PostgresRow: Sendable {
    let storage: PostgresRows.Storage
    /// The row's position in its result.
    public let index: Int

    init(storage: PostgresRows.Storage, row: Int) {
        self.storage = storage
        self.index = row
    }

    /// Column names in result order.
    public var columns: [String] { self.storage.columns }

    /// Decodes the cell at column position `column` (0-based).
    /// - Throws: ``PostgresError/Code/decodingFailed`` naming the column, the Swift type and the text, when the
    ///   text is not valid for `T`, when the cell is NULL and `T` is not optional, or when there is no such column.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at column: Int) throws(PostgresError) -> T {
        guard column >= 0 && column < self.storage.columns.count else {
            throw PostgresError(
                code: .decodingFailed,
                message: "no column at index \(column) as \(T.self); the result has \(self.storage.columns.count) columns (\(self.storage.columns.joined(separator: ", ")))"
            )
        }
        let name = self.storage.columns[column]
        guard let text = self.storage.text(row: self.index, column: column) else {
            guard let null = T.postgresNullValue else {
                throw PostgresError(
                    code: .decodingFailed,
                    message: "column \"\(name)\" (index \(column)) is NULL but \(T.self) is not optional; decode \(T.self)? instead"
                )
            }
            return null
        }
        guard let value = T(postgresText: text) else {
            throw PostgresError(
                code: .decodingFailed,
                message: "column \"\(name)\" (index \(column)) holds \"\(PostgresError.abbreviated(text, limit: 100))\", which is not a valid \(T.self)"
            )
        }
        return value
    }

    /// Decodes the cell of the column named `column` (the first one, if several share the name).
    /// - Throws: ``PostgresError/Code/decodingFailed`` as ``decode(_:at:)``, or when no column has that name.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, column: String) throws(PostgresError) -> T {
        guard let position = self.storage.columns.firstIndex(of: column) else {
            throw PostgresError(
                code: .decodingFailed,
                message: "no column named \"\(column)\" as \(T.self); the result's columns are \(self.storage.columns.joined(separator: ", "))"
            )
        }
        return try self.decode(type, at: position)
    }

    /// Whether the cell at `column` is SQL NULL (false when there is no such column).
    public func isNull(at column: Int) -> Bool {
        guard column >= 0 && column < self.storage.columns.count else { return false }
        return self.storage.lengths[self.index * self.storage.columns.count + column] < 0
    }

    /// The raw text of the cell at `column`, `nil` for SQL NULL or when there is no such column.
    public func text(at column: Int) -> String? {
        guard column >= 0 && column < self.storage.columns.count else { return nil }
        return self.storage.text(row: self.index, column: column)
    }
}
