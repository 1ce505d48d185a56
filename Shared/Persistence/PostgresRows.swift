/// The rows a query returned, copied out of libpq's result before it was freed.
///
/// All cell bytes live in one buffer, so a result costs a handful of allocations however many rows it has; text is
/// only materialised when a cell is decoded.
public struct PostgresRows: Sendable, RandomAccessCollection {
    /// Column names in result order (as `PQfname` reports them).
    public var columns: [String] { self.storage.columns }

    let storage: Storage

    init(storage: Storage) {
        self.storage = storage
    }

    /// A result with no columns and no rows.
    static let empty = PostgresRows(
        storage: Storage(columns: [], rowCount: 0, bytes: [], starts: [], lengths: [])
    )

    public var startIndex: Int { 0 }
    public var endIndex: Int { self.storage.rowCount }

    public subscript(position: Int) -> PostgresRow {
        precondition(position >= 0 && position < self.storage.rowCount, "row index \(position) out of range")
        return PostgresRow(storage: self.storage, row: position)
    }

    /// The index of the column named `name`, or `nil`.
    public func columnIndex(named name: String) -> Int? {
        self.storage.columns.firstIndex(of: name)
    }

    /// Immutable copy of a libpq result.
    final class Storage: Sendable {
        let columns: [String]
        let rowCount: Int
        /// Every non-NULL cell's bytes, back to back, row-major.
        let bytes: [UInt8]
        /// Where each cell starts in `bytes`, row-major.
        let starts: [Int]
        /// Each cell's length in bytes, or -1 for SQL NULL.
        let lengths: [Int]

        init(columns: [String], rowCount: Int, bytes: [UInt8], starts: [Int], lengths: [Int]) {
            self.columns = columns
            self.rowCount = rowCount
            self.bytes = bytes
            self.starts = starts
            self.lengths = lengths
        }

        /// The cell's text, or `nil` for SQL NULL.
        func text(row: Int, column: Int) -> String? {
            let cell = row * self.columns.count + column
            let length = self.lengths[cell]
            if length < 0 { return nil }
            let start = self.starts[cell]
            return self.bytes.withUnsafeBufferPointer { buffer in
                String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<start + length]), as: UTF8.self)
            }
        }
    }
}
