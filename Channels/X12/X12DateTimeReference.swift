/// A DTM segment: a date (CCYYMMDD) with its qualifier, e.g. `DTM*002*20250320` (requested delivery).
public struct X12DateTimeReference: Sendable, Hashable {
    /// DTM01, e.g. `002` delivery requested, `011` shipped, `010` requested ship.
    public var qualifier: String
    /// DTM02, CCYYMMDD.
    public var date: String
    /// DTM03, HHMM[SS], when given.
    public var time: String?

    /// Creates a date reference.
    public init(qualifier: String, date: String, time: String? = nil) {
        self.qualifier = qualifier
        self.date = date
        self.time = time
    }

    init(_ segment: X12Segment) throws(X12DocumentError) {
        self.init(
            qualifier: try X12DocumentError.required(segment, 1), date: try X12Date.checked(segment, 2, required: false) ?? "",
            time: X12DocumentError.optional(segment, 3))
    }

    /// The DTM segment.
    public var segment: X12Segment {
        X12Segment(id: "DTM", elements: [qualifier, date, time ?? ""])
    }
}

extension [X12DateTimeReference] {
    /// The date of the first DTM with a qualifier, e.g. `dates.date(for: "002")`.
    public func date(for qualifier: String) -> String? {
        first { $0.qualifier == qualifier }?.date
    }
}
