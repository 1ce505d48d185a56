import Contracts
import Foundation
import Testing

/// The schemas of the finance service's own new events (`finance.payment.received.v1`,
/// `finance.settlement.posted.v1`): the Swift types encode valid events and a producer's typical mistakes are caught.
@Suite("Finance event schemas")
struct FinanceEventSchemaTests {
    static let now = OrderEventSchemaTests.now
    static func euros(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: .EUR) }

    static let payment = PaymentReceived(
        paymentID: "psp-7731", customer: "C-10042", amount: euros(15_000),
        applications: [PaymentReceived.Application(invoiceID: "inv-1", invoiceNumber: "INV-2026-000041", orderID: "ord-1", amount: euros(11_900), invoiceOpen: euros(0))],
        unapplied: euros(3_100), receivedAt: now
    )

    static let settlement = SettlementPosted(
        batchID: "stl-1", currency: .EUR, ledgerDocumentNumber: "JB-000001", entryCount: 3, debitTotal: euros(27_850), creditTotal: euros(27_850),
        hashTotal: 20_600, approvedBy: "carol", postedAt: now
    )

    private func violations<Payload: EventPayload>(_ payload: Payload) throws -> [JSONSchemaViolation] {
        try EventSchemas().validateEnvelope(OrderEventSchemaTests.envelope(payload))
    }

    @Test(arguments: [PaymentReceived.eventType, SettlementPosted.eventType])
    func everyFinanceEventTypeHasABundledSchema(eventType: EventType) throws {
        #expect(throws: Never.self) { try EventSchemas().validator(for: eventType) }
    }

    @Test func paymentReceivedIsValid() throws {
        let violations = try self.violations(Self.payment)
        #expect(violations.isEmpty, "\(violations)")
    }

    @Test func aZeroPaymentIsRefused() throws {
        var payment = Self.payment
        payment.amount = Self.euros(0)
        #expect(try violations(payment).contains { $0.instancePath == "/payload/amount/amount" })
    }

    @Test func settlementPostedWithAndWithoutApproverIsValid() throws {
        var unapproved = Self.settlement
        unapproved.approvedBy = nil
        #expect(try violations(Self.settlement).isEmpty)
        #expect(try violations(unapproved).isEmpty)
    }

    @Test func anEmptySettlementIsRefused() throws {
        var empty = Self.settlement
        empty.entryCount = 0
        #expect(try violations(empty).contains { $0.instancePath == "/payload/entryCount" })
    }
}
