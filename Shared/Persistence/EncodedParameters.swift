/// Statement parameters in libpq's text format, encoded on the caller's task so only plain bytes cross to the
/// connection thread: every value NUL-terminated back to back in one buffer.
struct EncodedParameters: Sendable {
    /// The values' UTF-8 bytes, each followed by a NUL.
    private(set) var bytes: [UInt8]
    /// Where each value starts in `bytes`, or -1 for SQL NULL.
    private(set) var starts: [Int]

    static let none = EncodedParameters(bytes: [], starts: [])

    private init(bytes: [UInt8], starts: [Int]) {
        self.bytes = bytes
        self.starts = starts
    }

    var count: Int { self.starts.count }

    /// - Throws: ``PostgresError/Code/invalidParameter`` when a text contains NUL, which PostgreSQL text cannot hold.
    init(_ values: [any PostgresEncodable], query: String) throws(PostgresError) {
        if values.isEmpty {
            self = .none
            return
        }
        self.bytes = []
        self.starts = []
        self.starts.reserveCapacity(values.count)
        self.bytes.reserveCapacity(values.count * 16)
        for (index, value) in values.enumerated() {
            guard let text = value.postgresText else {
                self.starts.append(-1)
                continue
            }
            let start = self.bytes.count
            self.bytes.append(contentsOf: text.utf8)
            if self.bytes[start...].contains(0) {
                throw PostgresError(
                    code: .invalidParameter,
                    message: "parameter $\(index + 1) (\(type(of: value))) contains a NUL character, which PostgreSQL text cannot store",
                    query: query
                )
            }
            self.bytes.append(0)
            self.starts.append(start)
        }
    }

    /// Calls `body` with libpq's `paramValues` array (NULL pointers for SQL NULL), valid only during the call.
    func withValuePointers<Result>(_ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> Result) -> Result {
        if self.starts.isEmpty { return body(nil) }
        return self.bytes.withUnsafeBytes { buffer in
            withUnsafeTemporaryAllocation(of: UnsafePointer<CChar>?.self, capacity: self.starts.count) { pointers in
                let base = buffer.baseAddress
                for (index, start) in self.starts.enumerated() {
                    if start < 0 {
                        pointers[index] = nil
                    } else {
                        pointers[index] = base.map { ($0 + start).assumingMemoryBound(to: CChar.self) }
                    }
                }
                return body(UnsafePointer(pointers.baseAddress))
            }
        }
    }
}
