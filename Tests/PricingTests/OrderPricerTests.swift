import Contracts
import Foundation
import Testing
@testable import Pricing

/// The decision the `orders.order.received.v1` handler makes, without servers.
@Suite("Order pricer")
struct OrderPricerTests {
    static let receivedAt = Date(timeIntervalSince1970: 1_790_000_000)

    static func calculator() throws -> PriceCalculator {
        let eur = try Currency(code: "EUR")
        let list = PriceList(
            id: "EU", currency: eur, period: EffectivePeriod(start: Date(timeIntervalSince1970: 0)),
            prices: [
                ListPrice(sku: "A", unitPrice: Money(minorUnits: 1000, currency: eur)),
                ListPrice(sku: "B", unitPrice: Money(minorUnits: 250, currency: eur)),
            ]
        )
        return PriceCalculator(catalog: PriceCatalog(priceLists: [list]))
    }

    static func order(_ lines: [OrderReceived.Line]) throws -> OrderReceived {
        OrderReceived(
            orderID: "O-1", channel: "shop", channelOrderReference: "R-1", customer: "C-1", currency: try Currency(code: "EUR"),
            shipTo: PostalAddress(lines: ["1 Main St"], city: "Town", country: "DE"), lines: lines, receivedAt: receivedAt
        )
    }

    @Test func everyLineIsPricedAndTotalledAtTheOrdersInstant() throws {
        let eur = try Currency(code: "EUR")
        let outcome = OrderPricer.price(
            try Self.order([OrderReceived.Line(lineNumber: 1, sku: "A", quantity: 3), OrderReceived.Line(lineNumber: 2, sku: "B", quantity: 4)]),
            calculator: try Self.calculator(), version: 9, tolerancePercent: 1
        )
        guard case .priced(let priced) = outcome else {
            Issue.record("expected priced, got \(outcome)")
            return
        }
        #expect(priced.priceVersion == 9)
        #expect(priced.pricedAt == Self.receivedAt)
        #expect(priced.lines.map(\.extendedAmount) == [Money(minorUnits: 3000, currency: eur), Money(minorUnits: 1000, currency: eur)])
        #expect(priced.total == Money(minorUnits: 4000, currency: eur))
        #expect(priced.mismatchedLines == 0)
    }

    @Test func anyUnpriceableLineRejectsTheOrderWithEveryReason() throws {
        let outcome = OrderPricer.price(
            try Self.order([
                OrderReceived.Line(lineNumber: 1, sku: "A", quantity: 1),
                OrderReceived.Line(lineNumber: 2, sku: "ZZZ", quantity: 1),
                OrderReceived.Line(lineNumber: 3, sku: "B", quantity: 0),
            ]),
            calculator: try Self.calculator(), version: 9, tolerancePercent: 1
        )
        guard case .rejected(let rejected) = outcome else {
            Issue.record("expected rejected, got \(outcome)")
            return
        }
        #expect(rejected.reasons.map(\.code) == ["unknown-sku", "invalid-quantity"])
        #expect(rejected.reasons.map(\.lineNumber) == [2, 3])
    }

    @Test func aChannelPriceWithinTheToleranceIsNotFlagged() throws {
        let eur = try Currency(code: "EUR")
        // 1 % of 10.00 is 0.10: 10.10 and 9.90 are inside.
        #expect(OrderPricer.mismatch(channel: Money(minorUnits: 1010, currency: eur), wholesail: Money(minorUnits: 1000, currency: eur), tolerancePercent: 1) == nil)
        #expect(OrderPricer.mismatch(channel: Money(minorUnits: 990, currency: eur), wholesail: Money(minorUnits: 1000, currency: eur), tolerancePercent: 1) == nil)
    }

    @Test func aChannelPriceJustOutsideTheToleranceIsFlaggedWithTheDifference() throws {
        let eur = try Currency(code: "EUR")
        let mismatch = OrderPricer.mismatch(channel: Money(minorUnits: 989, currency: eur), wholesail: Money(minorUnits: 1000, currency: eur), tolerancePercent: 1)
        #expect(mismatch?.difference == Money(minorUnits: -11, currency: eur))
        #expect(mismatch?.tolerancePercent == "1")
    }

    @Test func aZeroToleranceFlagsAnyDifference() throws {
        let eur = try Currency(code: "EUR")
        #expect(OrderPricer.mismatch(channel: Money(minorUnits: 1001, currency: eur), wholesail: Money(minorUnits: 1000, currency: eur), tolerancePercent: 0) != nil)
        #expect(OrderPricer.mismatch(channel: Money(minorUnits: 1000, currency: eur), wholesail: Money(minorUnits: 1000, currency: eur), tolerancePercent: 0) == nil)
    }

    @Test func aChannelPriceInAnotherCurrencyIsAlwaysFlagged() throws {
        let mismatch = OrderPricer.mismatch(
            channel: Money(minorUnits: 1000, currency: try Currency(code: "USD")),
            wholesail: Money(minorUnits: 1000, currency: try Currency(code: "EUR")), tolerancePercent: 50
        )
        #expect(mismatch != nil)
    }
}
