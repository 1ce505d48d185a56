import Contracts
import Testing
@testable import Finance

/// ``InvoicePricing``: a dispatch bills only the shipped units at the priced amounts, and the dispatch that
/// completes a line takes exactly the rest of its extended amount.
@Suite("Finance domain: invoice pricing")
struct InvoicePricingTests {
    /// Line 1: 3 units at 10.00 with an extended amount of 29.99 (a line discount of 0.01 rounded into the
    /// extended amount), line 2: 5 units at 2.50 = 12.50.
    private func order() throws -> [PricedLine] {
        [
            PricedLine(
                lineNumber: 1, sku: "WIDGET", quantity: 3, unitPrice: try DomainFixtures.money("10.00", "EUR"),
                extendedAmount: try DomainFixtures.money("29.99", "EUR"), taxClass: "standard"
            ),
            PricedLine(
                lineNumber: 2, sku: "GADGET", quantity: 5, unitPrice: try DomainFixtures.money("2.50", "EUR"),
                extendedAmount: try DomainFixtures.money("12.50", "EUR"), taxClass: "reduced"
            ),
        ]
    }

    @Test func partialDispatchInvoicesOnlyTheShippedUnits() throws {
        let drafts = try InvoicePricing.lines(shipped: [ShippedUnits(lineNumber: 2, quantity: 2)], priced: try order(), invoicedSoFar: [])
        #expect(
            drafts == [
                InvoiceLineDraft(
                    lineNumber: 2, sku: "GADGET", taxClass: "reduced", quantity: 2, unitPrice: try DomainFixtures.money("2.50", "EUR"),
                    net: try DomainFixtures.money("5.00", "EUR")
                )
            ]
        )
    }

    /// 1 unit first → 10.00 (unit price × 1); the 2 remaining units complete the line → 29.99 − 10.00 = 19.99, not
    /// 20.00, so the two invoices add up to the extended amount 29.99 exactly.
    @Test func completingDispatchTakesTheRemainderOfTheExtendedAmount() throws {
        let first = try InvoicePricing.lines(shipped: [ShippedUnits(lineNumber: 1, quantity: 1)], priced: try order(), invoicedSoFar: [])
        #expect(first.map(\.net) == [try DomainFixtures.money("10.00", "EUR")])
        let second = try InvoicePricing.lines(
            shipped: [ShippedUnits(lineNumber: 1, quantity: 2)], priced: try order(),
            invoicedSoFar: [InvoicedSoFar(lineNumber: 1, quantity: 1, net: try DomainFixtures.money("10.00", "EUR"))]
        )
        #expect(second.map(\.quantity) == [2])
        #expect(second.map(\.net) == [try DomainFixtures.money("19.99", "EUR")])
    }

    @Test func shippingTheWholeLineAtOnceBillsTheExtendedAmount() throws {
        let drafts = try InvoicePricing.lines(shipped: [ShippedUnits(lineNumber: 1, quantity: 3)], priced: try order(), invoicedSoFar: [])
        #expect(drafts.map(\.net) == [try DomainFixtures.money("29.99", "EUR")])
    }

    @Test func sameLineShippedTwiceInOneDispatchIsOneDraft() throws {
        let drafts = try InvoicePricing.lines(
            shipped: [ShippedUnits(lineNumber: 2, quantity: 1), ShippedUnits(lineNumber: 2, quantity: 2)], priced: try order(), invoicedSoFar: []
        )
        #expect(drafts.map(\.quantity) == [3])
        #expect(drafts.map(\.net) == [try DomainFixtures.money("7.50", "EUR")])
    }

    @Test func draftsAreOrderedByLineNumber() throws {
        let drafts = try InvoicePricing.lines(
            shipped: [ShippedUnits(lineNumber: 2, quantity: 1), ShippedUnits(lineNumber: 1, quantity: 1)], priced: try order(), invoicedSoFar: []
        )
        #expect(drafts.map(\.lineNumber) == [1, 2])
    }

    @Test func shippingMoreThanOrderedAfterEarlierInvoicesIsAnError() throws {
        #expect(throws: InvoicePricingError.overShipped(lineNumber: 1, shipped: 2, ordered: 3, invoiced: 2)) {
            try InvoicePricing.lines(
                shipped: [ShippedUnits(lineNumber: 1, quantity: 2)], priced: try order(),
                invoicedSoFar: [InvoicedSoFar(lineNumber: 1, quantity: 2, net: try DomainFixtures.money("20.00", "EUR"))]
            )
        }
    }

    @Test func shippingMoreThanOrderedInOneDispatchIsAnError() throws {
        #expect(throws: InvoicePricingError.overShipped(lineNumber: 2, shipped: 6, ordered: 5, invoiced: 0)) {
            try InvoicePricing.lines(shipped: [ShippedUnits(lineNumber: 2, quantity: 6)], priced: try order(), invoicedSoFar: [])
        }
    }

    @Test func shippedLineNotInTheOrderIsAnError() throws {
        #expect(throws: InvoicePricingError.unknownLine(lineNumber: 9)) {
            try InvoicePricing.lines(shipped: [ShippedUnits(lineNumber: 9, quantity: 1)], priced: try order(), invoicedSoFar: [])
        }
    }

    @Test func zeroShippedQuantityIsAnError() throws {
        #expect(throws: InvoicePricingError.invalidQuantity(lineNumber: 1, quantity: 0)) {
            try InvoicePricing.lines(shipped: [ShippedUnits(lineNumber: 1, quantity: 0)], priced: try order(), invoicedSoFar: [])
        }
    }

    @Test func pricedOrderWithADuplicateLineNumberIsAnError() throws {
        let priced = try order()
        #expect(throws: InvoicePricingError.duplicatePricedLine(lineNumber: 1)) {
            try InvoicePricing.lines(shipped: [ShippedUnits(lineNumber: 1, quantity: 1)], priced: priced + [priced[0]], invoicedSoFar: [])
        }
    }

    @Test func earlierInvoicesInAnotherCurrencyAreAnError() throws {
        #expect(throws: InvoicePricingError.self) {
            try InvoicePricing.lines(
                shipped: [ShippedUnits(lineNumber: 1, quantity: 2)], priced: try order(),
                invoicedSoFar: [InvoicedSoFar(lineNumber: 1, quantity: 1, net: try DomainFixtures.money("10.00", "USD"))]
            )
        }
    }

    @Test func amountsTooLargeForSixtyFourBitsAreAnOverflowError() throws {
        let euro = try DomainFixtures.currency("EUR")
        let priced = [
            PricedLine(
                lineNumber: 1, sku: "GOLD", quantity: 10, unitPrice: Money(minorUnits: .max / 2, currency: euro),
                extendedAmount: Money(minorUnits: .max, currency: euro), taxClass: "standard"
            )
        ]
        #expect(throws: InvoicePricingError.overflow) {
            try InvoicePricing.lines(shipped: [ShippedUnits(lineNumber: 1, quantity: 3)], priced: priced, invoicedSoFar: [])
        }
    }
}
