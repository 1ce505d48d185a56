import Contracts
import Foundation

/// One EDI X12 trading partner: who it is in the interchange envelopes, how its purchase orders map to canonical
/// orders, and how the documents Wholesail sends it are written and delivered.
///
/// Stored as this JSON (`PUT /v1/channels/edi/partners/{id}`); every mapping is data, so a new partner is
/// configuration, not code.
struct EDIPartnerConfiguration: Codable, Sendable, Hashable {
    /// How Wholesail writes its own interchanges for the partner.
    struct Delimiters: Codable, Sendable, Hashable {
        var element: String = "*"
        var component: String = ">"
        /// Only for version 00402 and later (ISA11).
        var repetition: String? = nil
        var segment: String = "~"
        /// Written after each segment terminator: "", "\n" or "\r\n".
        var segmentSuffix: String = "\n"
    }

    /// The partner's id in Wholesail (the URL path).
    var id: String
    /// The Wholesail channel its orders belong to; the API key used must be this channel's.
    var channelName: String
    /// The partner's ISA05 qualifier and ISA06 id (sender of its interchanges, receiver of ours).
    var interchangeQualifier: String
    var interchangeID: String
    /// The partner's GS02/GS03 application code; its interchange id when absent.
    var applicationCode: String?
    /// Wholesail's own ISA qualifier, id and GS application code in this partner's documents.
    var ownQualifier: String
    var ownID: String
    var ownApplicationCode: String?
    /// ISA12 of Wholesail's interchanges, e.g. `00401` (GS08 is derived: `004010`).
    var version: String
    var delimiters: Delimiters
    /// ISA15: `P` production, `T` test.
    var usage: String
    /// The ERP customer for purchase orders whose buyer or ship-to party is not in ``customers``.
    var defaultCustomer: String?
    /// `"<N103>:<N104>"` of the buyer (`BY`) or ship-to (`ST`) party → ERP customer, e.g. `"92:STORE-0042": "C-10042"`.
    var customers: [String: String]
    /// The order currency when the 850 has no `CUR` segment.
    var defaultCurrency: String
    /// `"<qualifier>:<id>"` of a PO1 product id → ERP SKU, e.g. `"UP:012345678905": "BOLT-M8-50"`; checked first.
    var items: [String: String]
    /// Product id qualifiers whose value is taken as the ERP SKU itself when ``items`` has no entry, in this order.
    var skuQualifiers: [String]
    /// Units per unit of measure (PO103), e.g. `{"EA": 1, "CA": 12}`; an order in another unit cannot be mapped.
    var unitsOfMeasure: [String: Int]
    /// Where generated 855, 856 and 810 documents are POSTed as `application/edi-x12`; without one they are held for
    /// the partner to fetch (`GET /v1/channels/edi/partners/{id}/documents`). The 997 is not POSTed: it is the answer
    /// to the partner's own `POST /v1/channels/edi/interchanges` (and stored with the other documents).
    var deliveryURL: String?

    init(
        id: String, channelName: String, interchangeQualifier: String, interchangeID: String, applicationCode: String? = nil,
        ownQualifier: String = "ZZ", ownID: String = "WHOLESAIL", ownApplicationCode: String? = nil, version: String = "00401",
        delimiters: Delimiters = Delimiters(), usage: String = "P", defaultCustomer: String? = nil, customers: [String: String] = [:],
        defaultCurrency: String = "USD", items: [String: String] = [:], skuQualifiers: [String] = ["SK", "VN", "VP"],
        unitsOfMeasure: [String: Int] = ["EA": 1, "UN": 1, "PC": 1], deliveryURL: String? = nil
    ) {
        self.id = id
        self.channelName = channelName
        self.interchangeQualifier = interchangeQualifier
        self.interchangeID = interchangeID
        self.applicationCode = applicationCode
        self.ownQualifier = ownQualifier
        self.ownID = ownID
        self.ownApplicationCode = ownApplicationCode
        self.version = version
        self.delimiters = delimiters
        self.usage = usage
        self.defaultCustomer = defaultCustomer
        self.customers = customers
        self.defaultCurrency = defaultCurrency
        self.items = items
        self.skuQualifiers = skuQualifiers
        self.unitsOfMeasure = unitsOfMeasure
        self.deliveryURL = deliveryURL
    }

    private enum CodingKeys: String, CodingKey {
        case id, channelName, interchangeQualifier, interchangeID, applicationCode, ownQualifier, ownID, ownApplicationCode, version
        case delimiters, usage, defaultCustomer, customers, defaultCurrency, items, skuQualifiers, unitsOfMeasure, deliveryURL
    }

    /// Optional members take their defaults, so a minimal partner is five members.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = EDIPartnerConfiguration(id: "", channelName: "", interchangeQualifier: "", interchangeID: "")
        self.init(
            id: try container.decodeIfPresent(String.self, forKey: .id) ?? "",
            channelName: try container.decode(String.self, forKey: .channelName),
            interchangeQualifier: try container.decode(String.self, forKey: .interchangeQualifier),
            interchangeID: try container.decode(String.self, forKey: .interchangeID),
            applicationCode: try container.decodeIfPresent(String.self, forKey: .applicationCode),
            ownQualifier: try container.decodeIfPresent(String.self, forKey: .ownQualifier) ?? defaults.ownQualifier,
            ownID: try container.decodeIfPresent(String.self, forKey: .ownID) ?? defaults.ownID,
            ownApplicationCode: try container.decodeIfPresent(String.self, forKey: .ownApplicationCode),
            version: try container.decodeIfPresent(String.self, forKey: .version) ?? defaults.version,
            delimiters: try container.decodeIfPresent(Delimiters.self, forKey: .delimiters) ?? defaults.delimiters,
            usage: try container.decodeIfPresent(String.self, forKey: .usage) ?? defaults.usage,
            defaultCustomer: try container.decodeIfPresent(String.self, forKey: .defaultCustomer),
            customers: try container.decodeIfPresent([String: String].self, forKey: .customers) ?? [:],
            defaultCurrency: try container.decodeIfPresent(String.self, forKey: .defaultCurrency) ?? defaults.defaultCurrency,
            items: try container.decodeIfPresent([String: String].self, forKey: .items) ?? [:],
            skuQualifiers: try container.decodeIfPresent([String].self, forKey: .skuQualifiers) ?? defaults.skuQualifiers,
            unitsOfMeasure: try container.decodeIfPresent([String: Int].self, forKey: .unitsOfMeasure) ?? defaults.unitsOfMeasure,
            deliveryURL: try container.decodeIfPresent(String.self, forKey: .deliveryURL)
        )
    }

    /// Every problem with the configuration, as JSON pointers and sentences (empty when it is usable).
    func violations() -> [(pointer: String, detail: String)] {
        var found: [(String, String)] = []
        func text(_ value: String, _ pointer: String, _ range: ClosedRange<Int>) {
            if !range.contains(value.count) { found.append((pointer, "must have \(range.lowerBound) to \(range.upperBound) characters")) }
        }
        text(channelName, "/channelName", 1...100)
        text(interchangeQualifier, "/interchangeQualifier", 2...2)
        text(interchangeID, "/interchangeID", 1...15)
        text(ownQualifier, "/ownQualifier", 2...2)
        text(ownID, "/ownID", 1...15)
        if version.count != 5 || !version.allSatisfy(\.isNumber) { found.append(("/version", "must be an ISA12 version such as 00401")) }
        if !["P", "T"].contains(usage) { found.append(("/usage", "must be P (production) or T (test)")) }
        if (try? Currency(code: defaultCurrency)) == nil { found.append(("/defaultCurrency", "\"\(defaultCurrency)\" is not an ISO 4217 code")) }
        let separators = [delimiters.element, delimiters.component, delimiters.segment] + (delimiters.repetition.map { [$0] } ?? [])
        if separators.contains(where: { $0.count != 1 }) || Set(separators).count != separators.count {
            found.append(("/delimiters", "element, component, segment (and repetition) separators must be distinct single characters"))
        }
        if !["", "\n", "\r\n"].contains(delimiters.segmentSuffix) { found.append(("/delimiters/segmentSuffix", "must be \"\", \"\\n\" or \"\\r\\n\"")) }
        if delimiters.repetition != nil, version < "00402" { found.append(("/delimiters/repetition", "a repetition separator needs version 00402 or later")) }
        for (unit, factor) in unitsOfMeasure where factor < 1 || factor > 1_000_000 {
            found.append(("/unitsOfMeasure/\(unit)", "must be 1 to 1000000 units"))
        }
        if let deliveryURL {
            if let url = URL(string: deliveryURL), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil {} else {
                found.append(("/deliveryURL", "must be an absolute http or https URL"))
            }
        }
        return found
    }

    /// GS08 for Wholesail's groups: the ISA12 version followed by `0` (`00401` → `004010`).
    var groupVersion: String { version + "0" }
}
