import Contracts
import Foundation
import Testing

/// The schemas of the pricing flow's events (`orders.order.received.v1`, `pricing.order.priced.v1`,
/// `pricing.order.rejected.v1`, `pricing.price-version.published.v1`, `pricing.price.changed.v1`) and of their
/// shared parts (`postal-address.v1`, `price-rule.v1`): what the Swift types encode passes, and the mistakes a
/// producer could make are caught.
@Suite("Pricing event schemas")
struct PricingEventSchemaTests {
    // MARK: Samples

    /// 2026-11-27T14:01:02.123Z, already on a millisecond so it survives a round trip.
    static let receivedAt = StableJSON.date(unixMilliseconds: referenceMilliseconds)

    static func euros(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: .EUR) }

    static let fullAddress = PostalAddress(
        name: "Goods In, Gate 3", company: "Nordlicht Handel GmbH", lines: ["Hafenstraße 12", "Halle B"],
        city: "Hamburg", region: "HH", postalCode: "20457", country: "DE"
    )

    static let minimalAddress = PostalAddress(lines: ["1 Harbour Road"], city: "Dublin", country: "IE")

    /// An order with every optional field set: requested date, channel prices on some lines.
    static let orderReceived = OrderReceived(
        orderID: "ord-0193f1a2", channel: "webshop-de", channelOrderReference: "WS-100234", customer: "C-10042",
        currency: .EUR, shipTo: fullAddress,
        lines: [
            OrderReceived.Line(lineNumber: 1, sku: "BOLT-M8-50", quantity: 200, channelUnitPrice: euros(12)),
            OrderReceived.Line(lineNumber: 2, sku: "NUT-M8", quantity: 200),
            OrderReceived.Line(lineNumber: 3, sku: "DRILL-HSS-8", quantity: 5, channelUnitPrice: euros(499)),
        ],
        requestedDate: "2026-12-03", receivedAt: receivedAt
    )

    /// An order with every optional field absent.
    static let minimalOrderReceived = OrderReceived(
        orderID: "ord-0193f1a3", channel: "edi", channelOrderReference: "PO-7781", customer: "C-20001",
        currency: .JPY, shipTo: minimalAddress,
        lines: [OrderReceived.Line(lineNumber: 1, sku: "TAPE-50M", quantity: 1)], receivedAt: receivedAt
    )

    /// ``orderReceived`` priced: an agreement break, a list price, a promotion with a mismatched channel price.
    static let orderPriced = OrderPriced(
        orderID: "ord-0193f1a2", customer: "C-10042", currency: .EUR, priceVersion: 42, pricedAt: receivedAt,
        lines: [
            OrderPriced.Line(
                lineNumber: 1, sku: "BOLT-M8-50", quantity: 200, unitPrice: euros(11), extendedAmount: euros(2200),
                rule: PriceRule(kind: .agreement, id: "AG-7", minimumQuantity: 100), category: "standard"
            ),
            OrderPriced.Line(
                lineNumber: 2, sku: "NUT-M8", quantity: 200, unitPrice: euros(3), extendedAmount: euros(600),
                rule: PriceRule(kind: .tier, id: "EU-2027", minimumQuantity: 100)
            ),
            OrderPriced.Line(
                lineNumber: 3, sku: "DRILL-HSS-8", quantity: 5, unitPrice: euros(549), extendedAmount: euros(2745),
                rule: PriceRule(kind: .promotion, id: "PROMO-WINTER"), category: "tools",
                priceMismatch: OrderPriced.PriceMismatch(
                    channelUnitPrice: euros(499), difference: euros(-50), tolerancePercent: "0.5"
                )
            ),
        ],
        total: euros(5545), mismatchedLines: 1
    )

    /// A one-line order priced in a currency with the given minor units.
    static func orderPriced(in currency: Currency, unitMinorUnits: Int64) -> OrderPriced {
        let unitPrice = Money(minorUnits: unitMinorUnits, currency: currency)
        let extended = Money(minorUnits: unitMinorUnits * 3, currency: currency)
        return OrderPriced(
            orderID: "ord-0193f1a4", customer: "C-30003", currency: currency, priceVersion: 1, pricedAt: receivedAt,
            lines: [
                OrderPriced.Line(
                    lineNumber: 1, sku: "TAPE-50M", quantity: 3, unitPrice: unitPrice, extendedAmount: extended,
                    rule: PriceRule(kind: .list, id: "LIST-\(currency.code)")
                )
            ],
            total: extended, mismatchedLines: 0
        )
    }

    static let orderPricingRejected = OrderPricingRejected(
        orderID: "ord-0193f1a5", customer: "C-10042", currency: .EUR, priceVersion: 42,
        reasons: [
            OrderPricingRejected.Reason(
                code: "unknown-sku", lineNumber: 2, sku: "NUT-M9",
                detail: "SKU NUT-M9 is on no price list; import it into a price list in EUR."
            ),
            OrderPricingRejected.Reason(code: "no-price-list", detail: "No price list in EUR is in force at 2026-11-27T14:01:02.123Z."),
        ]
    )

    static let priceVersionPublished = PriceVersionPublished(
        version: 43, subject: .priceList, subjectID: "EU-2027", rows: 10_000, publishedAt: receivedAt
    )

    static let priceChanged = PriceChanged(
        priceList: "EU-2027", sku: "BOLT-M8-50", currency: .EUR, unitPrice: euros(14),
        tiers: [
            PriceChanged.Tier(minimumQuantity: 100, unitPrice: euros(12)),
            PriceChanged.Tier(minimumQuantity: 1000, unitPrice: euros(10)),
        ],
        effectiveFrom: receivedAt, effectiveTo: StableJSON.date(unixMilliseconds: referenceMilliseconds + 86_400_000 * 30),
        version: 43
    )

    /// A SKU taken off a list: no price, no tiers, no end date.
    static let priceRemoved = PriceChanged(
        priceList: "EU-2027", sku: "BOLT-M8-40", currency: .EUR, unitPrice: nil, tiers: [],
        effectiveFrom: receivedAt, effectiveTo: nil, version: 44
    )

    // MARK: Envelopes

    static func receivedEnvelope(_ payload: OrderReceived = orderReceived) throws -> EventEnvelope<OrderReceived> {
        try EventEnvelope(payload: payload, correlationID: payload.orderID, occurredAt: receivedAt)
    }

    /// The envelope pricing publishes in reply to ``receivedEnvelope(_:)``.
    static func reply<Payload: EventPayload>(_ payload: Payload) throws -> EventEnvelope<Payload> {
        EventEnvelope(payload: payload, causedBy: try receivedEnvelope(), occurredAt: receivedAt)
    }

    static func violations<Payload>(_ envelope: EventEnvelope<Payload>) throws -> [JSONSchemaViolation] {
        try EventSchemas().validateEnvelope(envelope)
    }

    /// One sample envelope per event type, as JSON; the base the negative tests mutate.
    enum Sample: String, CaseIterable, Sendable, CustomStringConvertible {
        case received, priced, rejected, published, changed

        var description: String { rawValue }

        func envelope() throws -> JSONValue {
            switch self {
            case .received: try JSONValue(encoding: PricingEventSchemaTests.receivedEnvelope())
            case .priced: try JSONValue(encoding: PricingEventSchemaTests.reply(PricingEventSchemaTests.orderPriced))
            case .rejected: try JSONValue(encoding: PricingEventSchemaTests.reply(PricingEventSchemaTests.orderPricingRejected))
            case .published:
                try JSONValue(
                    encoding: EventEnvelope(
                        payload: PricingEventSchemaTests.priceVersionPublished, correlationID: "price-version-43",
                        occurredAt: PricingEventSchemaTests.receivedAt
                    )
                )
            case .changed:
                try JSONValue(
                    encoding: EventEnvelope(
                        payload: PricingEventSchemaTests.priceChanged, correlationID: "price-version-43",
                        occurredAt: PricingEventSchemaTests.receivedAt
                    )
                )
            }
        }
    }

    // MARK: Every pricing event has a schema

    @Test(arguments: [
        OrderReceived.eventType, OrderPriced.eventType, OrderPricingRejected.eventType,
        PriceVersionPublished.eventType, PriceChanged.eventType,
    ])
    func everyPricingEventTypeHasABundledSchema(eventType: EventType) throws {
        #expect(throws: Never.self) { try EventSchemas().validator(for: eventType) }
    }

    @Test func sharedPartsAreBundled() throws {
        let names = try EventSchemas().names
        #expect(names.contains("postal-address.v1"))
        #expect(names.contains("price-rule.v1"))
    }

    // MARK: Samples pass

    @Test func orderReceivedWithEveryOptionalFieldIsValid() throws {
        let violations = try Self.violations(Self.receivedEnvelope())
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func orderReceivedWithoutOptionalFieldsIsValid() throws {
        let violations = try Self.violations(Self.receivedEnvelope(Self.minimalOrderReceived))
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func orderPricedWithAgreementTierPromotionAndMismatchIsValid() throws {
        let violations = try Self.violations(Self.reply(Self.orderPriced))
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test(arguments: [(Currency.JPY, Int64(1_250)), (.BHD, 1_234), (.EUR, 0)])
    func orderPricedAtListPriceIsValidInAnyCurrency(currency: Currency, unitMinorUnits: Int64) throws {
        let violations = try Self.violations(Self.reply(Self.orderPriced(in: currency, unitMinorUnits: unitMinorUnits)))
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func orderPricingRejectedWithLineAndOrderReasonsIsValid() throws {
        let violations = try Self.violations(Self.reply(Self.orderPricingRejected))
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func orderPricingRejectedBeforeAnyPriceVersionIsValid() throws {
        let rejected = OrderPricingRejected(
            orderID: "ord-1", customer: "C-1", currency: .USD, priceVersion: 0,
            reasons: [OrderPricingRejected.Reason(code: "no-price-list", detail: "No price list has been imported yet.")]
        )
        let violations = try Self.violations(Self.reply(rejected))
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test(arguments: [PriceVersionPublished.Subject.priceList, .agreement, .promotion, .customerGroup])
    func priceVersionPublishedIsValidForEverySubject(subject: PriceVersionPublished.Subject) throws {
        let published = PriceVersionPublished(version: 7, subject: subject, subjectID: "S-1", rows: 0, publishedAt: Self.receivedAt)
        let violations = try Self.violations(EventEnvelope(payload: published, correlationID: "price-version-7"))
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func priceChangedWithTiersAndEndDateIsValid() throws {
        let violations = try Self.violations(EventEnvelope(payload: Self.priceChanged, correlationID: "price-version-43"))
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func priceChangedForARemovedSKUIsValid() throws {
        let violations = try Self.violations(EventEnvelope(payload: Self.priceRemoved, correlationID: "price-version-44"))
        #expect(violations.isEmpty, "\(violations)")
    }

    // MARK: Mistakes are caught

    /// A change to one sample envelope, addressed by JSON Pointer.
    enum Mutation: Sendable, CustomStringConvertible {
        /// Replaces an existing member or element.
        case replace(String, JSONValue)
        /// Removes an existing member.
        case remove(String)
        /// Adds a member that is not there.
        case add(String, JSONValue)

        var pointer: String {
            switch self {
            case .replace(let pointer, _), .remove(let pointer), .add(let pointer, _): pointer
            }
        }

        var description: String {
            switch self {
            case .replace(let pointer, let value): "\(pointer) = \(value)"
            case .remove(let pointer): "remove \(pointer)"
            case .add(let pointer, let value): "add \(pointer) = \(value)"
            }
        }

        func applied(to root: JSONValue) throws -> JSONValue {
            let tokens = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
            return try Self.apply(self, tokens: tokens[...], to: root) ?? .null
        }

        private static func apply(_ mutation: Mutation, tokens: ArraySlice<String>, to value: JSONValue) throws -> JSONValue? {
            guard let token = tokens.first else {
                switch mutation {
                case .replace(_, let newValue), .add(_, let newValue): return newValue
                case .remove: return nil
                }
            }
            let isLast = tokens.count == 1
            switch value {
            case .object(var members):
                let existing = members[token]
                if case .add = mutation, isLast {
                    guard existing == nil else { throw MutationError.memberAlreadyPresent(mutation.pointer) }
                } else {
                    guard existing != nil else { throw MutationError.pathNotFound(mutation.pointer) }
                }
                members[token] = try apply(mutation, tokens: tokens.dropFirst(), to: existing ?? .null)
                return .object(members)
            case .array(var elements):
                guard let index = Int(token), elements.indices.contains(index), !(isLast && isAdd(mutation)) else {
                    throw MutationError.pathNotFound(mutation.pointer)
                }
                if let replaced = try apply(mutation, tokens: tokens.dropFirst(), to: elements[index]) {
                    elements[index] = replaced
                } else {
                    elements.remove(at: index)
                }
                return .array(elements)
            default:
                throw MutationError.pathNotFound(mutation.pointer)
            }
        }

        private static func isAdd(_ mutation: Mutation) -> Bool {
            if case .add = mutation { return true }
            return false
        }
    }

    enum MutationError: Error {
        case pathNotFound(String)
        case memberAlreadyPresent(String)
    }

    static let oneAndAHalf = fraction(15, scale: 1)

    /// A JSON number with a fractional part, e.g. `fraction(1234, scale: 2)` is 12.34.
    static func fraction(_ significand: Int64, scale: Int) -> JSONValue {
        .number(Decimal(sign: .plus, exponent: -scale, significand: Decimal(significand)))
    }

    /// Checks that the mutated sample fails with a violation at `path`.
    func expectViolation(_ sample: Sample, _ mutation: Mutation, at path: String) throws {
        let mutated = try mutation.applied(to: sample.envelope())
        let violations = try EventSchemas().validateEnvelope(mutated)
        #expect(violations.contains { $0.instancePath == path }, "\(sample) \(mutation): \(violations)")
    }

    @Test(arguments: [
        (Mutation.replace("/payload/lines/0/quantity", 0), "/payload/lines/0/quantity"),
        (.replace("/payload/lines/0/quantity", -3), "/payload/lines/0/quantity"),
        (.replace("/payload/lines/0/quantity", oneAndAHalf), "/payload/lines/0/quantity"),
        (.replace("/payload/lines/0/quantity", "200"), "/payload/lines/0/quantity"),
        (.replace("/payload/lines/1/lineNumber", 0), "/payload/lines/1/lineNumber"),
        (.replace("/payload/lines/0/sku", ""), "/payload/lines/0/sku"),
        (.remove("/payload/lines/1/sku"), "/payload/lines/1"),
        (.replace("/payload/lines", []), "/payload/lines"),
        (.replace("/payload/lines/0/channelUnitPrice/amount", 12), "/payload/lines/0/channelUnitPrice/amount"),
        (.replace("/payload/lines/0/channelUnitPrice/amount", "-0.12"), "/payload/lines/0/channelUnitPrice/amount"),
        (.add("/payload/lines/1/channelUnitPrice", nil), "/payload/lines/1/channelUnitPrice"),
        (.add("/payload/lines/1/discount", "5%"), "/payload/lines/1/discount"),
        (.remove("/payload/orderID"), "/payload"),
        (.replace("/payload/orderID", ""), "/payload/orderID"),
        (.replace("/payload/customer", ""), "/payload/customer"),
        (.remove("/payload/customer"), "/payload"),
        (.remove("/payload/receivedAt"), "/payload"),
        (.replace("/payload/channelOrderReference", ""), "/payload/channelOrderReference"),
        (.replace("/payload/currency", "eur"), "/payload/currency"),
        (.replace("/payload/currency", "EURO"), "/payload/currency"),
        (.replace("/payload/receivedAt", "2026-11-27"), "/payload/receivedAt"),
        (.replace("/payload/receivedAt", 1_795_788_062_123), "/payload/receivedAt"),
        (.replace("/payload/requestedDate", "03.12.2026"), "/payload/requestedDate"),
        (.replace("/payload/requestedDate", "2026-12-03T00:00:00.000Z"), "/payload/requestedDate"),
        (.replace("/payload/requestedDate", nil), "/payload/requestedDate"),
        (.add("/payload/total", ["amount": "5545.00", "currency": "EUR"]), "/payload/total"),
        (.replace("/payload/shipTo/country", "DEU"), "/payload/shipTo/country"),
        (.replace("/payload/shipTo/country", "de"), "/payload/shipTo/country"),
        (.replace("/payload/shipTo/lines", []), "/payload/shipTo/lines"),
        (.replace("/payload/shipTo/lines/1", ""), "/payload/shipTo/lines/1"),
        (.remove("/payload/shipTo/city"), "/payload/shipTo"),
        (.replace("/payload/shipTo/region", ""), "/payload/shipTo/region"),
        (.replace("/payload/shipTo/postalCode", 20457), "/payload/shipTo/postalCode"),
        (.add("/payload/shipTo/phone", "+49 40 123"), "/payload/shipTo/phone"),
        (.replace("/payload/shipTo", "Hafenstraße 12, Hamburg"), "/payload/shipTo"),
    ])
    func orderReceivedSchemaRejects(mutation: Mutation, path: String) throws {
        try expectViolation(.received, mutation, at: path)
    }

    @Test(arguments: [
        (Mutation.replace("/payload/lines/0/rule/kind", "discount"), "/payload/lines/0/rule/kind"),
        (.replace("/payload/lines/0/rule/kind", "Agreement"), "/payload/lines/0/rule/kind"),
        (.remove("/payload/lines/0/rule/id"), "/payload/lines/0/rule"),
        (.replace("/payload/lines/0/rule/id", ""), "/payload/lines/0/rule/id"),
        (.replace("/payload/lines/0/rule/minimumQuantity", 0), "/payload/lines/0/rule/minimumQuantity"),
        (.remove("/payload/lines/1/rule/minimumQuantity"), "/payload/lines/1/rule"),
        (.add("/payload/lines/2/rule/minimumQuantity", 10), "/payload/lines/2/rule"),
        (.replace("/payload/lines/0/rule", "agreement AG-7"), "/payload/lines/0/rule"),
        (.remove("/payload/lines/0/rule"), "/payload/lines/0"),
        (.replace("/payload/lines/0/unitPrice/amount", fraction(11, scale: 2)), "/payload/lines/0/unitPrice/amount"),
        (.replace("/payload/lines/0/unitPrice/amount", "-0.11"), "/payload/lines/0/unitPrice/amount"),
        (.replace("/payload/lines/0/extendedAmount/amount", "22,00"), "/payload/lines/0/extendedAmount/amount"),
        (.remove("/payload/lines/0/extendedAmount"), "/payload/lines/0"),
        (.replace("/payload/lines/0/quantity", 0), "/payload/lines/0/quantity"),
        (.replace("/payload/lines/0/lineNumber", 0), "/payload/lines/0/lineNumber"),
        (.replace("/payload/lines/0/sku", ""), "/payload/lines/0/sku"),
        (.replace("/payload/lines/0/category", ""), "/payload/lines/0/category"),
        (.add("/payload/lines/0/margin", "0.10"), "/payload/lines/0/margin"),
        (.replace("/payload/lines/2/priceMismatch/tolerancePercent", fraction(5, scale: 1)), "/payload/lines/2/priceMismatch/tolerancePercent"),
        (.replace("/payload/lines/2/priceMismatch/tolerancePercent", "0.5%"), "/payload/lines/2/priceMismatch/tolerancePercent"),
        (.replace("/payload/lines/2/priceMismatch/tolerancePercent", "-0.5"), "/payload/lines/2/priceMismatch/tolerancePercent"),
        (.remove("/payload/lines/2/priceMismatch/difference"), "/payload/lines/2/priceMismatch"),
        (.replace("/payload/lines/2/priceMismatch/channelUnitPrice/amount", "-4.99"), "/payload/lines/2/priceMismatch/channelUnitPrice/amount"),
        (.replace("/payload/lines", []), "/payload/lines"),
        (.remove("/payload/total"), "/payload"),
        (.replace("/payload/total/amount", fraction(5545, scale: 2)), "/payload/total/amount"),
        (.replace("/payload/total/amount", "-55.45"), "/payload/total/amount"),
        (.replace("/payload/priceVersion", 0), "/payload/priceVersion"),
        (.replace("/payload/priceVersion", "42"), "/payload/priceVersion"),
        (.replace("/payload/priceVersion", oneAndAHalf), "/payload/priceVersion"),
        (.remove("/payload/priceVersion"), "/payload"),
        (.replace("/payload/mismatchedLines", -1), "/payload/mismatchedLines"),
        (.remove("/payload/mismatchedLines"), "/payload"),
        (.replace("/payload/pricedAt", "yesterday"), "/payload/pricedAt"),
        (.replace("/payload/orderID", ""), "/payload/orderID"),
        (.replace("/payload/customer", ""), "/payload/customer"),
        (.add("/payload/shipTo", ["lines": ["x"], "city": "y", "country": "DE"]), "/payload/shipTo"),
    ])
    func orderPricedSchemaRejects(mutation: Mutation, path: String) throws {
        try expectViolation(.priced, mutation, at: path)
    }

    @Test(arguments: [
        (Mutation.replace("/payload/reasons", []), "/payload/reasons"),
        (.replace("/payload/reasons/0/code", "UNKNOWN_SKU"), "/payload/reasons/0/code"),
        (.replace("/payload/reasons/0/code", "out-of-stock"), "/payload/reasons/0/code"),
        (.remove("/payload/reasons/0/code"), "/payload/reasons/0"),
        (.remove("/payload/reasons/1/detail"), "/payload/reasons/1"),
        (.replace("/payload/reasons/1/detail", ""), "/payload/reasons/1/detail"),
        (.replace("/payload/reasons/0/lineNumber", 0), "/payload/reasons/0/lineNumber"),
        (.replace("/payload/reasons/0/sku", ""), "/payload/reasons/0/sku"),
        (.add("/payload/reasons/1/lineNumber", nil), "/payload/reasons/1/lineNumber"),
        (.add("/payload/reasons/0/severity", "error"), "/payload/reasons/0/severity"),
        (.replace("/payload/priceVersion", -1), "/payload/priceVersion"),
        (.remove("/payload/priceVersion"), "/payload"),
        (.replace("/payload/orderID", ""), "/payload/orderID"),
        (.remove("/payload/customer"), "/payload"),
        (.replace("/payload/currency", "€"), "/payload/currency"),
        (.add("/payload/lines", []), "/payload/lines"),
    ])
    func orderPricingRejectedSchemaRejects(mutation: Mutation, path: String) throws {
        try expectViolation(.rejected, mutation, at: path)
    }

    @Test(arguments: [
        (Mutation.replace("/payload/subject", "catalogue"), "/payload/subject"),
        (.replace("/payload/subject", "priceList"), "/payload/subject"),
        (.replace("/payload/version", 0), "/payload/version"),
        (.replace("/payload/version", "43"), "/payload/version"),
        (.replace("/payload/version", oneAndAHalf), "/payload/version"),
        (.remove("/payload/version"), "/payload"),
        (.replace("/payload/rows", -1), "/payload/rows"),
        (.replace("/payload/rows", oneAndAHalf), "/payload/rows"),
        (.replace("/payload/subjectID", ""), "/payload/subjectID"),
        (.remove("/payload/subjectID"), "/payload"),
        (.remove("/payload/publishedAt"), "/payload"),
        (.replace("/payload/publishedAt", "2026-11-27 14:01:02"), "/payload/publishedAt"),
        (.add("/payload/previousVersion", 42), "/payload/previousVersion"),
    ])
    func priceVersionPublishedSchemaRejects(mutation: Mutation, path: String) throws {
        try expectViolation(.published, mutation, at: path)
    }

    @Test(arguments: [
        (Mutation.replace("/payload/tiers/0/minimumQuantity", 0), "/payload/tiers/0/minimumQuantity"),
        (.remove("/payload/tiers/1/unitPrice"), "/payload/tiers/1"),
        (.replace("/payload/tiers/1/unitPrice/amount", fraction(1, scale: 1)), "/payload/tiers/1/unitPrice/amount"),
        (.add("/payload/tiers/0/discountPercent", "10"), "/payload/tiers/0/discountPercent"),
        (.replace("/payload/unitPrice/amount", fraction(14, scale: 2)), "/payload/unitPrice/amount"),
        (.replace("/payload/unitPrice/amount", "-0.14"), "/payload/unitPrice/amount"),
        (.replace("/payload/unitPrice", nil), "/payload/unitPrice"),
        // A removed SKU (no unit price) cannot still have tiers.
        (.remove("/payload/unitPrice"), "/payload"),
        (.remove("/payload/tiers"), "/payload"),
        (.remove("/payload/sku"), "/payload"),
        (.replace("/payload/sku", ""), "/payload/sku"),
        (.replace("/payload/priceList", ""), "/payload/priceList"),
        (.remove("/payload/effectiveFrom"), "/payload"),
        (.replace("/payload/effectiveTo", "open"), "/payload/effectiveTo"),
        (.replace("/payload/effectiveTo", nil), "/payload/effectiveTo"),
        (.replace("/payload/version", 0), "/payload/version"),
        (.replace("/payload/version", oneAndAHalf), "/payload/version"),
        (.replace("/payload/currency", "Eur"), "/payload/currency"),
        (.add("/payload/customer", "C-10042"), "/payload/customer"),
    ])
    func priceChangedSchemaRejects(mutation: Mutation, path: String) throws {
        try expectViolation(.changed, mutation, at: path)
    }

    // MARK: Shared parts on their own

    @Test(arguments: [fullAddress, minimalAddress])
    func postalAddressSchemaAcceptsEncodedAddresses(address: PostalAddress) throws {
        let violations = try EventSchemas().validator(named: "postal-address.v1").validate(JSONValue(encoding: address))
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test(arguments: [
        #"{"lines":["1 Harbour Road"],"city":"Dublin"}"#,
        #"{"lines":"1 Harbour Road","city":"Dublin","country":"IE"}"#,
        #"{"lines":["1 Harbour Road"],"city":"","country":"IE"}"#,
        #"{"lines":["1 Harbour Road"],"city":"Dublin","country":"IRL"}"#,
        #"{"lines":["1 Harbour Road"],"city":"Dublin","country":"IE","name":null}"#,
        #"{"lines":["1 Harbour Road"],"city":"Dublin","country":"IE","street":"Harbour Road"}"#,
    ])
    func postalAddressSchemaRejectsBadAddresses(body: String) throws {
        #expect(!(try EventSchemas().validator(named: "postal-address.v1").validate(json(body))).isEmpty)
    }

    @Test(arguments: [
        PriceRule(kind: .list, id: "EU-2027"), PriceRule(kind: .tier, id: "EU-2027", minimumQuantity: 100),
        PriceRule(kind: .agreement, id: "AG-7"), PriceRule(kind: .agreement, id: "AG-7", minimumQuantity: 50),
        PriceRule(kind: .promotion, id: "PROMO-WINTER"),
    ])
    func priceRuleSchemaAcceptsEveryKindAsEncoded(rule: PriceRule) throws {
        let violations = try EventSchemas().validator(named: "price-rule.v1").validate(JSONValue(encoding: rule))
        #expect(violations.isEmpty, "\(rule): \(violations)")
    }

    @Test(arguments: PriceRule.Kind.allCases)
    func priceRuleSchemaKnowsEverySwiftKind(kind: PriceRule.Kind) throws {
        let schema = try EventSchemas().validator(named: "price-rule.v1").schema
        #expect(schema["properties"]?["kind"]?["enum"]?.arrayValue?.contains(.string(kind.rawValue)) == true)
    }

    @Test(arguments: [
        #"{"kind":"discount","id":"AG-7"}"#,
        #"{"kind":"LIST","id":"EU-2027"}"#,
        #"{"id":"EU-2027"}"#,
        #"{"kind":"list"}"#,
        #"{"kind":"list","id":""}"#,
        #"{"kind":"list","id":"EU-2027","minimumQuantity":1}"#,
        #"{"kind":"promotion","id":"PROMO-WINTER","minimumQuantity":10}"#,
        #"{"kind":"tier","id":"EU-2027"}"#,
        #"{"kind":"tier","id":"EU-2027","minimumQuantity":0}"#,
        #"{"kind":"agreement","id":"AG-7","minimumQuantity":"50"}"#,
        #"{"kind":"agreement","id":"AG-7","minimumQuantity":null}"#,
        #"{"kind":"agreement","id":"AG-7","explanation":"contract"}"#,
    ])
    func priceRuleSchemaRejectsBadRules(body: String) throws {
        #expect(!(try EventSchemas().validator(named: "price-rule.v1").validate(json(body))).isEmpty)
    }

    @Test(arguments: ["unknown-sku", "no-price", "no-price-list", "invalid-quantity", "amount-too-large", "currency-mismatch", "no-lines"])
    func rejectionSchemaAcceptsEveryDocumentedReasonCode(code: String) throws {
        let rejected = OrderPricingRejected(
            orderID: "ord-1", customer: "C-1", currency: .EUR, priceVersion: 3,
            reasons: [OrderPricingRejected.Reason(code: code, lineNumber: 1, sku: "SKU-1", detail: "Line 1 cannot be priced.")]
        )
        let violations = try Self.violations(Self.reply(rejected))
        #expect(violations.isEmpty, "\(violations)")
    }

    // MARK: StableJSON round trips

    static func roundTripped<Value: Codable>(_ value: Value) throws -> Value {
        try StableJSON.decode(Value.self, from: StableJSON.encode(value))
    }

    @Test func orderReceivedRoundTripsThroughStableJSON() throws {
        #expect(try Self.roundTripped(Self.orderReceived) == Self.orderReceived)
        #expect(try Self.roundTripped(Self.minimalOrderReceived) == Self.minimalOrderReceived)
    }

    @Test func orderPricedRoundTripsThroughStableJSON() throws {
        #expect(try Self.roundTripped(Self.orderPriced) == Self.orderPriced)
        let inDinars = Self.orderPriced(in: .BHD, unitMinorUnits: 1_234)
        #expect(try Self.roundTripped(inDinars) == inDinars)
    }

    @Test func orderPricingRejectedRoundTripsThroughStableJSON() throws {
        #expect(try Self.roundTripped(Self.orderPricingRejected) == Self.orderPricingRejected)
    }

    @Test func priceVersionPublishedRoundTripsThroughStableJSON() throws {
        #expect(try Self.roundTripped(Self.priceVersionPublished) == Self.priceVersionPublished)
    }

    @Test func priceChangedRoundTripsThroughStableJSON() throws {
        #expect(try Self.roundTripped(Self.priceChanged) == Self.priceChanged)
        #expect(try Self.roundTripped(Self.priceRemoved) == Self.priceRemoved)
    }

    @Test func priceChangedForARemovedSKUOmitsItsAbsentFieldsRatherThanWritingNull() throws {
        let payload = try JSONValue(encoding: Self.priceRemoved)
        #expect(payload["unitPrice"] == nil)
        #expect(payload["effectiveTo"] == nil)
        #expect(payload["tiers"] == [])
    }
}
