/// A REF segment: a reference id with its qualifier, e.g. `REF*BM*12345` (bill of lading).
public struct X12Reference: Sendable, Hashable {
    /// REF01, e.g. `DP` department, `BM` bill of lading, `CN` carrier reference (tracking / PRO).
    public var qualifier: String
    /// REF02.
    public var value: String
    /// REF03 free-form description.
    public var description: String?

    /// Creates a reference.
    public init(qualifier: String, value: String, description: String? = nil) {
        self.qualifier = qualifier
        self.value = value
        self.description = description
    }

    init(_ segment: X12Segment) throws(X12DocumentError) {
        self.init(
            qualifier: try X12DocumentError.required(segment, 1), value: segment[2],
            description: X12DocumentError.optional(segment, 3))
    }

    /// The REF segment.
    public var segment: X12Segment {
        X12Segment(id: "REF", elements: [qualifier, value, description ?? ""])
    }
}

extension [X12Reference] {
    /// The first reference value with a qualifier, e.g. `references.value(for: "BM")`.
    public func value(for qualifier: String) -> String? {
        first { $0.qualifier == qualifier }?.value
    }
}
