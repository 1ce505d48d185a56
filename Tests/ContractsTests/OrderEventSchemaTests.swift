import Contracts
import Foundation
import Testing

/// The schemas of the order flow's later events (`orders.order.confirmed.v1`, `finance.credit.approved.v1`,
/// `finance.credit.rejected.v1`, `orders.return.authorized.v1`, `shipments.shipment.delivered.v1`,
/// `finance.invoice.posted.v1`, `finance.refund.completed.v1`): what the Swift types encode passes, with and
/// without their optional fields, and the mistakes a producer could make are caught.
@Suite("Order event schemas")
struct OrderEventSchemaTests {
    /// The JSON Pointer edits the pricing suite defines; shared rather than copied.
    typealias Mutation = PricingEventSchemaTests.Mutation

    // MARK: Samples

    /// 2026-11-27T14:01:02.123Z, already on a millisecond so it survives a round trip.
    static let now = StableJSON.date(unixMilliseconds: referenceMilliseconds)

    /// A later instant, one hour after ``now``.
    static let later = StableJSON.date(unixMilliseconds: referenceMilliseconds + 3_600_000)

    static func euros(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: .EUR) }

    static func yen(_ amount: Int64) -> Money { Money(minorUnits: amount, currency: .JPY) }

    static let fullAddress = PostalAddress(
        name: "Goods In, Gate 3", company: "Nordlicht Handel GmbH", lines: ["Hafenstraße 12", "Halle B"],
        city: "Hamburg", region: "HH", postalCode: "20457", country: "DE"
    )

    static let minimalAddress = PostalAddress(lines: ["1-2-3 Minato"], city: "Tokyo", country: "JP")

    /// A two-line order split over two warehouses, with a requested date and a tax class on one line.
    static let orderConfirmed = OrderConfirmed(
        orderID: "ord-0193f1a2", channel: "webshop-de", channelOrderReference: "WS-100234", customer: "C-10042",
        currency: .EUR, shipTo: fullAddress, requestedDate: "2026-12-03", priceVersion: 42,
        lines: [
            OrderConfirmed.Line(
                lineNumber: 1, sku: "BOLT-M8-50", quantity: 200, unitPrice: euros(11), extendedAmount: euros(2200),
                category: "standard"
            ),
            OrderConfirmed.Line(lineNumber: 2, sku: "NUT-M8", quantity: 200, unitPrice: euros(3), extendedAmount: euros(600)),
        ],
        total: euros(2800), reservationID: "0193f1a2-7c1e-7a10-9b2c-4d5e6f708192",
        allocations: [
            OrderConfirmed.Allocation(warehouse: "WH-HAM", sku: "BOLT-M8-50", quantity: 150),
            OrderConfirmed.Allocation(warehouse: "WH-MUC", sku: "BOLT-M8-50", quantity: 50),
            OrderConfirmed.Allocation(warehouse: "WH-HAM", sku: "NUT-M8", quantity: 200),
        ],
        confirmedAt: now
    )

    /// A one-line order with every optional field absent (no requested date, no tax class, no address extras).
    static let minimalOrderConfirmed = OrderConfirmed(
        orderID: "ord-0193f1a3", channel: "edi", channelOrderReference: "PO-7781", customer: "C-20001",
        currency: .JPY, shipTo: minimalAddress, priceVersion: 1,
        lines: [OrderConfirmed.Line(lineNumber: 1, sku: "TAPE-50M", quantity: 1, unitPrice: yen(480), extendedAmount: yen(480))],
        total: yen(480), reservationID: "res-1",
        allocations: [OrderConfirmed.Allocation(warehouse: "WH-OSA", sku: "TAPE-50M", quantity: 1)],
        confirmedAt: now
    )

    static let creditApproved = CreditApproved(orderID: "ord-0193f1a2", customer: "C-10042", amount: euros(2800), approvedAt: now)

    static let creditRejected = CreditRejected(
        orderID: "ord-0193f1a2", customer: "C-10042", amount: euros(2800), reason: "credit-limit-exceeded",
        detail: "Open receivables 48,500.00 EUR plus this order exceed the limit of 50,000.00 EUR by 1,300.00 EUR.",
        rejectedAt: now
    )

    static let returnAuthorized = ReturnAuthorized(
        rma: "RMA-000042", orderID: "ord-0193f1a2", channel: "webshop-de", customer: "C-10042",
        lines: [
            ReturnAuthorized.Line(lineNumber: 1, sku: "BOLT-M8-50", quantity: 20),
            ReturnAuthorized.Line(lineNumber: 2, sku: "NUT-M8", quantity: 5),
        ],
        reason: "Wrong thread pitch delivered.", authorizedAt: now
    )

    static let shipmentDelivered = ShipmentDelivered(
        shipmentID: "shp-0193f1b0", orderID: "ord-0193f1a2", warehouse: "WH-HAM", deliveredAt: later
    )

    static let invoicePosted = InvoicePosted(
        invoiceID: "inv-0193f1c0", invoiceNumber: "INV-2026-000123", orderID: "ord-0193f1a2", customer: "C-10042",
        dispatchID: "dsp-0193f1b1", net: euros(2800), tax: euros(532), total: euros(3332), dueDate: "2026-12-27",
        postedAt: now
    )

    static let refundCompleted = RefundCompleted(
        refundID: "ref-0193f1d0", creditNoteNumber: "CN-2026-000007", orderID: "ord-0193f1a2", rma: "RMA-000042",
        customer: "C-10042", amount: euros(2975), completedAt: later
    )

    // MARK: Envelopes

    /// The envelope a payload is published in, in the order's flow.
    static func envelope<Payload: EventPayload>(_ payload: Payload, orderID: String = "ord-0193f1a2") throws -> EventEnvelope<Payload> {
        try EventEnvelope(payload: payload, correlationID: orderID, occurredAt: now)
    }

    static func violations<Payload>(_ envelope: EventEnvelope<Payload>) throws -> [JSONSchemaViolation] {
        try EventSchemas().validateEnvelope(envelope)
    }

    /// One fully populated sample envelope per event type, as JSON; the base the negative tests mutate.
    enum Sample: String, CaseIterable, Sendable, CustomStringConvertible {
        case confirmed, creditApproved, creditRejected, returnAuthorized, delivered, invoicePosted, refundCompleted

        var description: String { rawValue }

        func envelope() throws -> JSONValue {
            switch self {
            case .confirmed: try JSONValue(encoding: OrderEventSchemaTests.envelope(OrderEventSchemaTests.orderConfirmed))
            case .creditApproved: try JSONValue(encoding: OrderEventSchemaTests.envelope(OrderEventSchemaTests.creditApproved))
            case .creditRejected: try JSONValue(encoding: OrderEventSchemaTests.envelope(OrderEventSchemaTests.creditRejected))
            case .returnAuthorized: try JSONValue(encoding: OrderEventSchemaTests.envelope(OrderEventSchemaTests.returnAuthorized))
            case .delivered: try JSONValue(encoding: OrderEventSchemaTests.envelope(OrderEventSchemaTests.shipmentDelivered))
            case .invoicePosted: try JSONValue(encoding: OrderEventSchemaTests.envelope(OrderEventSchemaTests.invoicePosted))
            case .refundCompleted: try JSONValue(encoding: OrderEventSchemaTests.envelope(OrderEventSchemaTests.refundCompleted))
            }
        }
    }

    // MARK: Every event has a schema

    @Test(arguments: [
        OrderConfirmed.eventType, CreditApproved.eventType, CreditRejected.eventType, ReturnAuthorized.eventType,
        ShipmentDelivered.eventType, InvoicePosted.eventType, RefundCompleted.eventType,
    ])
    func everyOrderFlowEventTypeHasABundledSchema(eventType: EventType) throws {
        #expect(throws: Never.self) { try EventSchemas().validator(for: eventType) }
    }

    // MARK: Samples pass

    @Test func orderConfirmedWithEveryOptionalFieldIsValid() throws {
        let violations = try Self.violations(Self.envelope(Self.orderConfirmed))
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func orderConfirmedWithoutOptionalFieldsIsValid() throws {
        let violations = try Self.violations(Self.envelope(Self.minimalOrderConfirmed, orderID: "ord-0193f1a3"))
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func orderConfirmedWithoutOptionalFieldsOmitsThemRatherThanWritingNull() throws {
        let payload = try JSONValue(encoding: Self.minimalOrderConfirmed)
        #expect(payload["requestedDate"] == nil)
        #expect(payload["lines"]?.arrayValue?.first?["category"] == nil)
        #expect(payload["shipTo"]?["region"] == nil)
    }

    @Test func orderConfirmedEncodesThePriceVersionAsANumber() throws {
        let payload = try JSONValue(encoding: Self.orderConfirmed)
        #expect(payload["priceVersion"] == 42)
    }

    @Test func creditApprovedIsValid() throws {
        let violations = try Self.violations(Self.envelope(Self.creditApproved))
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func creditApprovedForAFreeOrderIsValid() throws {
        let approved = CreditApproved(orderID: "ord-1", customer: "C-1", amount: .zero(.BHD), approvedAt: Self.now)
        let violations = try Self.violations(Self.envelope(approved, orderID: "ord-1"))
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test(arguments: ["credit-limit-exceeded", "credit-hold", "unknown-customer", "currency-mismatch"])
    func creditRejectedIsValidForEveryDocumentedReason(reason: String) throws {
        var rejected = Self.creditRejected
        rejected.reason = reason
        let violations = try Self.violations(Self.envelope(rejected))
        #expect(violations.isEmpty, "\(reason): \(violations)")
    }

    @Test func returnAuthorizedIsValid() throws {
        let violations = try Self.violations(Self.envelope(Self.returnAuthorized))
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func shipmentDeliveredIsValid() throws {
        let violations = try Self.violations(Self.envelope(Self.shipmentDelivered))
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func invoicePostedIsValid() throws {
        let violations = try Self.violations(Self.envelope(Self.invoicePosted))
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func invoicePostedWithoutTaxIsValid() throws {
        let exempt = InvoicePosted(
            invoiceID: "inv-2", invoiceNumber: "INV-2026-000124", orderID: "ord-1", customer: "C-1", dispatchID: "dsp-2",
            net: Self.yen(480), tax: .zero(.JPY), total: Self.yen(480), dueDate: "2027-02-28", postedAt: Self.now
        )
        let violations = try Self.violations(Self.envelope(exempt, orderID: "ord-1"))
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func refundCompletedIsValid() throws {
        let violations = try Self.violations(Self.envelope(Self.refundCompleted))
        #expect(violations.isEmpty, "\(violations)")
    }

    // MARK: Mistakes are caught

    static let oneAndAHalf = PricingEventSchemaTests.oneAndAHalf

    static func fraction(_ significand: Int64, scale: Int) -> JSONValue {
        PricingEventSchemaTests.fraction(significand, scale: scale)
    }

    /// Checks that the mutated sample fails with a violation at `path`.
    func expectViolation(_ sample: Sample, _ mutation: Mutation, at path: String) throws {
        let mutated = try mutation.applied(to: sample.envelope())
        let violations = try EventSchemas().validateEnvelope(mutated)
        #expect(violations.contains { $0.instancePath == path }, "\(sample) \(mutation): \(violations)")
    }

    @Test(arguments: [
        (Mutation.replace("/payload/lines", []), "/payload/lines"),
        (.replace("/payload/allocations", []), "/payload/allocations"),
        (.replace("/payload/lines/0/quantity", 0), "/payload/lines/0/quantity"),
        (.replace("/payload/lines/0/quantity", "200"), "/payload/lines/0/quantity"),
        (.replace("/payload/lines/0/quantity", oneAndAHalf), "/payload/lines/0/quantity"),
        (.replace("/payload/lines/1/lineNumber", 0), "/payload/lines/1/lineNumber"),
        (.replace("/payload/lines/0/sku", ""), "/payload/lines/0/sku"),
        (.remove("/payload/lines/1/unitPrice"), "/payload/lines/1"),
        (.remove("/payload/lines/0/extendedAmount"), "/payload/lines/0"),
        (.replace("/payload/lines/0/unitPrice/amount", fraction(11, scale: 2)), "/payload/lines/0/unitPrice/amount"),
        (.replace("/payload/lines/0/extendedAmount/amount", "-22.00"), "/payload/lines/0/extendedAmount/amount"),
        (.replace("/payload/lines/0/category", ""), "/payload/lines/0/category"),
        (.add("/payload/lines/1/category", nil), "/payload/lines/1/category"),
        (.add("/payload/lines/0/rule", ["kind": "list", "id": "EU-2027"]), "/payload/lines/0/rule"),
        (.replace("/payload/allocations/0/quantity", 0), "/payload/allocations/0/quantity"),
        (.replace("/payload/allocations/2/warehouse", ""), "/payload/allocations/2/warehouse"),
        (.remove("/payload/allocations/1/sku"), "/payload/allocations/1"),
        (.add("/payload/allocations/0/lineNumber", 1), "/payload/allocations/0/lineNumber"),
        (.remove("/payload/total"), "/payload"),
        (.replace("/payload/total/amount", 28), "/payload/total/amount"),
        (.remove("/payload/reservationID"), "/payload"),
        (.replace("/payload/reservationID", ""), "/payload/reservationID"),
        (.remove("/payload/allocations"), "/payload"),
        (.remove("/payload/shipTo"), "/payload"),
        (.replace("/payload/shipTo/country", "DEU"), "/payload/shipTo/country"),
        (.replace("/payload/priceVersion", 0), "/payload/priceVersion"),
        (.replace("/payload/priceVersion", "42"), "/payload/priceVersion"),
        (.replace("/payload/currency", "eur"), "/payload/currency"),
        (.replace("/payload/orderID", ""), "/payload/orderID"),
        (.remove("/payload/channelOrderReference"), "/payload"),
        (.replace("/payload/customer", ""), "/payload/customer"),
        (.replace("/payload/requestedDate", "2026-12-03T00:00:00.000Z"), "/payload/requestedDate"),
        (.replace("/payload/requestedDate", nil), "/payload/requestedDate"),
        (.replace("/payload/confirmedAt", "2026-11-27"), "/payload/confirmedAt"),
        (.remove("/payload/confirmedAt"), "/payload"),
        (.add("/payload/status", "confirmed"), "/payload/status"),
    ])
    func orderConfirmedSchemaRejects(mutation: Mutation, path: String) throws {
        try expectViolation(.confirmed, mutation, at: path)
    }

    @Test(arguments: [
        (Mutation.remove("/payload/amount"), "/payload"),
        (.replace("/payload/amount", "28.00"), "/payload/amount"),
        (.replace("/payload/amount/amount", fraction(2800, scale: 2)), "/payload/amount/amount"),
        (.replace("/payload/amount/amount", "-28.00"), "/payload/amount/amount"),
        (.remove("/payload/amount/currency"), "/payload/amount"),
        (.replace("/payload/orderID", ""), "/payload/orderID"),
        (.remove("/payload/customer"), "/payload"),
        (.replace("/payload/approvedAt", 1_795_788_062_123), "/payload/approvedAt"),
        (.remove("/payload/approvedAt"), "/payload"),
        (.add("/payload/creditLimit", ["amount": "50000.00", "currency": "EUR"]), "/payload/creditLimit"),
    ])
    func creditApprovedSchemaRejects(mutation: Mutation, path: String) throws {
        try expectViolation(.creditApproved, mutation, at: path)
    }

    @Test(arguments: [
        (Mutation.replace("/payload/reason", "credit-limit"), "/payload/reason"),
        (.replace("/payload/reason", "CREDIT_HOLD"), "/payload/reason"),
        (.replace("/payload/reason", ""), "/payload/reason"),
        (.remove("/payload/reason"), "/payload"),
        (.replace("/payload/detail", ""), "/payload/detail"),
        (.remove("/payload/detail"), "/payload"),
        (.replace("/payload/amount/amount", "-28.00"), "/payload/amount/amount"),
        (.remove("/payload/amount"), "/payload"),
        (.replace("/payload/customer", 10042), "/payload/customer"),
        (.remove("/payload/rejectedAt"), "/payload"),
        (.replace("/payload/rejectedAt", "now"), "/payload/rejectedAt"),
        (.add("/payload/reasons", ["credit-hold"]), "/payload/reasons"),
    ])
    func creditRejectedSchemaRejects(mutation: Mutation, path: String) throws {
        try expectViolation(.creditRejected, mutation, at: path)
    }

    @Test(arguments: [
        (Mutation.replace("/payload/lines", []), "/payload/lines"),
        (.remove("/payload/lines"), "/payload"),
        (.replace("/payload/lines/0/quantity", 0), "/payload/lines/0/quantity"),
        (.replace("/payload/lines/1/quantity", -5), "/payload/lines/1/quantity"),
        (.replace("/payload/lines/0/quantity", "20"), "/payload/lines/0/quantity"),
        (.replace("/payload/lines/1/lineNumber", 0), "/payload/lines/1/lineNumber"),
        (.remove("/payload/lines/0/lineNumber"), "/payload/lines/0"),
        (.replace("/payload/lines/0/sku", ""), "/payload/lines/0/sku"),
        (.add("/payload/lines/0/condition", "damaged"), "/payload/lines/0/condition"),
        (.replace("/payload/rma", ""), "/payload/rma"),
        (.remove("/payload/rma"), "/payload"),
        (.replace("/payload/reason", ""), "/payload/reason"),
        (.remove("/payload/reason"), "/payload"),
        (.replace("/payload/channel", ""), "/payload/channel"),
        (.remove("/payload/customer"), "/payload"),
        (.replace("/payload/authorizedAt", "2026-11-27 14:01:02"), "/payload/authorizedAt"),
        (.add("/payload/refundAmount", ["amount": "29.75", "currency": "EUR"]), "/payload/refundAmount"),
    ])
    func returnAuthorizedSchemaRejects(mutation: Mutation, path: String) throws {
        try expectViolation(.returnAuthorized, mutation, at: path)
    }

    @Test(arguments: [
        (Mutation.remove("/payload/shipmentID"), "/payload"),
        (.replace("/payload/shipmentID", ""), "/payload/shipmentID"),
        (.replace("/payload/orderID", ""), "/payload/orderID"),
        (.remove("/payload/warehouse"), "/payload"),
        (.replace("/payload/warehouse", 7), "/payload/warehouse"),
        (.remove("/payload/deliveredAt"), "/payload"),
        (.replace("/payload/deliveredAt", "2026-11-27"), "/payload/deliveredAt"),
        (.replace("/payload/deliveredAt", nil), "/payload/deliveredAt"),
        (.add("/payload/signedBy", "J. Doe"), "/payload/signedBy"),
    ])
    func shipmentDeliveredSchemaRejects(mutation: Mutation, path: String) throws {
        try expectViolation(.delivered, mutation, at: path)
    }

    @Test(arguments: [
        (Mutation.remove("/payload/invoiceNumber"), "/payload"),
        (.replace("/payload/invoiceNumber", ""), "/payload/invoiceNumber"),
        (.replace("/payload/invoiceID", ""), "/payload/invoiceID"),
        (.remove("/payload/dispatchID"), "/payload"),
        (.replace("/payload/dispatchID", ""), "/payload/dispatchID"),
        (.remove("/payload/tax"), "/payload"),
        (.replace("/payload/net/amount", fraction(2800, scale: 2)), "/payload/net/amount"),
        (.replace("/payload/tax/amount", "-5.32"), "/payload/tax/amount"),
        (.replace("/payload/total/amount", "33,32"), "/payload/total/amount"),
        (.replace("/payload/total", 3332), "/payload/total"),
        (.replace("/payload/dueDate", "27.12.2026"), "/payload/dueDate"),
        (.replace("/payload/dueDate", "2026-12-27T00:00:00.000Z"), "/payload/dueDate"),
        (.replace("/payload/dueDate", "2026-13-01"), "/payload/dueDate"),
        (.remove("/payload/dueDate"), "/payload"),
        (.remove("/payload/postedAt"), "/payload"),
        (.replace("/payload/customer", ""), "/payload/customer"),
        (.add("/payload/lines", []), "/payload/lines"),
    ])
    func invoicePostedSchemaRejects(mutation: Mutation, path: String) throws {
        try expectViolation(.invoicePosted, mutation, at: path)
    }

    @Test(arguments: [
        (Mutation.remove("/payload/rma"), "/payload"),
        (.replace("/payload/rma", ""), "/payload/rma"),
        (.remove("/payload/creditNoteNumber"), "/payload"),
        (.replace("/payload/creditNoteNumber", ""), "/payload/creditNoteNumber"),
        (.replace("/payload/refundID", ""), "/payload/refundID"),
        (.remove("/payload/amount"), "/payload"),
        (.replace("/payload/amount/amount", fraction(2975, scale: 2)), "/payload/amount/amount"),
        (.replace("/payload/amount/amount", "-29.75"), "/payload/amount/amount"),
        (.replace("/payload/amount/currency", "euro"), "/payload/amount/currency"),
        (.replace("/payload/orderID", ""), "/payload/orderID"),
        (.replace("/payload/completedAt", "tomorrow"), "/payload/completedAt"),
        (.remove("/payload/completedAt"), "/payload"),
        (.add("/payload/receiptID", "rcp-1"), "/payload/receiptID"),
    ])
    func refundCompletedSchemaRejects(mutation: Mutation, path: String) throws {
        try expectViolation(.refundCompleted, mutation, at: path)
    }

    // MARK: StableJSON round trips

    static func roundTripped<Value: Codable>(_ value: Value) throws -> Value {
        try StableJSON.decode(Value.self, from: StableJSON.encode(value))
    }

    @Test func orderConfirmedRoundTripsThroughStableJSON() throws {
        #expect(try Self.roundTripped(Self.orderConfirmed) == Self.orderConfirmed)
        #expect(try Self.roundTripped(Self.minimalOrderConfirmed) == Self.minimalOrderConfirmed)
    }

    @Test func creditEventsRoundTripThroughStableJSON() throws {
        #expect(try Self.roundTripped(Self.creditApproved) == Self.creditApproved)
        #expect(try Self.roundTripped(Self.creditRejected) == Self.creditRejected)
    }

    @Test func returnAuthorizedRoundTripsThroughStableJSON() throws {
        #expect(try Self.roundTripped(Self.returnAuthorized) == Self.returnAuthorized)
    }

    @Test func shipmentDeliveredRoundTripsThroughStableJSON() throws {
        #expect(try Self.roundTripped(Self.shipmentDelivered) == Self.shipmentDelivered)
    }

    @Test func invoicePostedRoundTripsThroughStableJSON() throws {
        #expect(try Self.roundTripped(Self.invoicePosted) == Self.invoicePosted)
    }

    @Test func refundCompletedRoundTripsThroughStableJSON() throws {
        #expect(try Self.roundTripped(Self.refundCompleted) == Self.refundCompleted)
    }
}
