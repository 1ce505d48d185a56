/// A product id with its qualifier, as PO1, IT1 and LIN carry them in pairs: `UP` UPC-12, `EN` EAN-13, `UK` GTIN-14,
/// `SK` SKU, `VN`/`VP` vendor item, `BP`/`IN`/`CB` buyer item...
public struct X12ProductIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// The qualifier, e.g. `UP`.
    public var qualifier: String
    /// The id.
    public var value: String

    /// Creates an identifier.
    public init(qualifier: String, value: String) {
        self.qualifier = qualifier
        self.value = value
    }

    public var description: String { "\(qualifier) \(value)" }

    /// Whether a GTIN-family id (UPC-12, EAN-13, GTIN-14, SSCC-18) has a correct GS1 mod-10 check digit; `nil` for
    /// other qualifiers. Real partners send ids that fail it: warn, do not reject.
    public var hasValidCheckDigit: Bool? {
        guard ["UP", "EN", "UK", "UA", "GM"].contains(qualifier) else { return nil }
        let digits = value.compactMap(\.asciiDigitValue)
        guard digits.count == value.count, digits.count >= 8 else { return false }
        var sum = 0
        for (offset, digit) in digits.dropLast().reversed().enumerated() {
            sum += digit * (offset.isMultiple(of: 2) ? 3 : 1)
        }
        return (10 - sum % 10) % 10 == digits.last
    }

    /// The qualifier/id pairs of a segment from element `first` on; pairs with an empty id are skipped, a
    /// qualifier without id is an error.
    static func pairs(in segment: X12Segment, from first: Int) throws(X12DocumentError) -> [X12ProductIdentifier] {
        var result: [X12ProductIdentifier] = []
        var index = first
        while index <= segment.elements.count {
            let qualifier = segment[index]
            let value = segment[index + 1]
            if !qualifier.isEmpty && value.isEmpty {
                throw X12DocumentError(
                    kind: .missingElement, segmentID: segment.id, position: segment.position, elementPosition: index + 1,
                    message: "\(X12DocumentError.name(segment, index + 1)) is empty but its qualifier is \(qualifier)")
            }
            if !value.isEmpty { result.append(X12ProductIdentifier(qualifier: qualifier, value: value)) }
            index += 2
        }
        return result
    }
}

extension [X12ProductIdentifier] {
    /// The first id with a qualifier, e.g. `identifiers.value(for: "SK")`.
    public func value(for qualifier: String) -> String? {
        first { $0.qualifier == qualifier }?.value
    }

    /// The ids as alternating qualifier, id elements.
    var elements: [String] {
        flatMap { [$0.qualifier, $0.value] }
    }
}
