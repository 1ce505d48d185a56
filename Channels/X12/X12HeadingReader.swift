/// The heading segments documents share — `CUR`, heading `REF`s and the `N1` party loop (`N2`/`N3`/`N4`/`REF`/`PER`)
/// — read once for the 855 and 810 readers, which differ only in their own segments.
struct X12HeadingReader {
    private(set) var currency: String?
    private(set) var references: [X12Reference] = []
    private(set) var parties: [X12Party] = []
    private var inPartyLoop = false

    /// Takes `segment` if it belongs to the heading; `inDetail` is true once the document's lines have started
    /// (heading segments there are left to the document, or ignored).
    /// - Returns: whether the segment was taken.
    mutating func read(_ segment: X12Segment, inDetail: Bool) throws(X12DocumentError) -> Bool {
        if inPartyLoop, X12Party.continues(segment) {
            if let index = parties.indices.last, parties[index].apply(segment) { return true }
            if segment.id == "REF" || segment.id == "PER" { return true }
        }
        inPartyLoop = false
        switch segment.id {
        case "CUR":
            currency = X12DocumentError.optional(segment, 2)
            return true
        case "REF":
            if !inDetail { references.append(try X12Reference(segment)) }
            return true
        case "N1":
            if !inDetail {
                parties.append(try X12Party.start(segment))
                inPartyLoop = true
            }
            return true
        case "N2", "N3", "N4":
            if !inDetail {
                throw .unexpectedSegment(segment, reason: "\(segment.id) at position \(segment.position) has no N1 before it")
            }
            return true
        default:
            return false
        }
    }
}
