/// One party of an N1 loop (N1, N2, N3, N4): ship-to, bill-to, buyer, vendor, ship-from...
public struct X12Party: Sendable, Hashable {
    /// N101 entity code, e.g. `ST` ship-to, `BT` bill-to, `BY` buyer, `SF` ship-from, `VN` vendor, `RE` remit-to.
    public var code: String
    /// N102 name.
    public var name: String
    /// N103 identification code qualifier, e.g. `92` buyer-assigned, `1` DUNS, `9` DUNS+4, `UL` GLN.
    public var identificationQualifier: String?
    /// N104 identification code.
    public var identification: String?
    /// N201/N202 additional name lines.
    public var additionalNames: [String]
    /// N301/N302 of each N3, in order.
    public var streetLines: [String]
    /// N401.
    public var city: String?
    /// N402 state or province.
    public var state: String?
    /// N403.
    public var postalCode: String?
    /// N404.
    public var country: String?

    /// Creates a party.
    public init(
        code: String, name: String, identificationQualifier: String? = nil, identification: String? = nil,
        additionalNames: [String] = [], streetLines: [String] = [], city: String? = nil, state: String? = nil,
        postalCode: String? = nil, country: String? = nil
    ) {
        self.code = code
        self.name = name
        self.identificationQualifier = identificationQualifier
        self.identification = identification
        self.additionalNames = additionalNames
        self.streetLines = streetLines
        self.city = city
        self.state = state
        self.postalCode = postalCode
        self.country = country
    }

    /// The N1 loop segments: N1, N2 (two names each), N3 (two lines each), N4 when any address part is set.
    public func segments() -> [X12Segment] {
        var result = [X12Segment(id: "N1", elements: [code, name, identificationQualifier ?? "", identification ?? ""])]
        for index in stride(from: 0, to: additionalNames.count, by: 2) {
            result.append(X12Segment(id: "N2", elements: Array(additionalNames[index..<min(index + 2, additionalNames.count)])))
        }
        for index in stride(from: 0, to: streetLines.count, by: 2) {
            result.append(X12Segment(id: "N3", elements: Array(streetLines[index..<min(index + 2, streetLines.count)])))
        }
        if city != nil || state != nil || postalCode != nil || country != nil {
            result.append(X12Segment(id: "N4", elements: [city ?? "", state ?? "", postalCode ?? "", country ?? ""]))
        }
        return result
    }

    /// Reads an N1 segment into a new party.
    static func start(_ segment: X12Segment) throws(X12DocumentError) -> X12Party {
        X12Party(
            code: try X12DocumentError.required(segment, 1), name: segment[2],
            identificationQualifier: X12DocumentError.optional(segment, 3),
            identification: X12DocumentError.optional(segment, 4))
    }

    /// Applies an N2, N3 or N4 segment to this party; `false` for any other segment.
    mutating func apply(_ segment: X12Segment) -> Bool {
        switch segment.id {
        case "N2":
            additionalNames += [segment[1], segment[2]].filter { !$0.isEmpty }
        case "N3":
            streetLines += [segment[1], segment[2]].filter { !$0.isEmpty }
        case "N4":
            city = X12DocumentError.optional(segment, 1)
            state = X12DocumentError.optional(segment, 2)
            postalCode = X12DocumentError.optional(segment, 3)
            country = X12DocumentError.optional(segment, 4)
        default:
            return false
        }
        return true
    }

    /// Whether a segment continues an N1 loop.
    static func continues(_ segment: X12Segment) -> Bool {
        ["N2", "N3", "N4", "REF", "PER"].contains(segment.id)
    }
}

extension [X12Party] {
    /// The first party with an N101 code, e.g. `parties.first(code: "ST")`.
    public func first(code: String) -> X12Party? {
        first { $0.code == code }
    }
}
