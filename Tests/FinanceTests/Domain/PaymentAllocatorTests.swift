import Contracts
import Foundation
import Testing
@testable import Finance

/// ``PaymentAllocator``: oldest first without references, only the referenced invoices with them, and nothing lost
/// (over-payments unapplied, unmatched references listed).
@Suite("Finance domain: payment allocation")
struct PaymentAllocatorTests {
    /// Given newest first to show the allocator sorts: INV-1 (oldest, 100.00), INV-2 (50.00), INV-3 and INV-4 of
    /// order O-B (newest, 30.00 and 20.00).
    private func invoices() throws -> [OpenInvoice] {
        [
            OpenInvoice(invoiceID: "i4", invoiceNumber: "INV-4", orderID: "O-B", issuedAt: try DomainFixtures.instant("2026-03-04T00:00:00Z"), open: try eur("20.00")),
            OpenInvoice(invoiceID: "i3", invoiceNumber: "INV-3", orderID: "O-B", issuedAt: try DomainFixtures.instant("2026-03-03T00:00:00Z"), open: try eur("30.00")),
            OpenInvoice(invoiceID: "i2", invoiceNumber: "INV-2", orderID: "O-A", issuedAt: try DomainFixtures.instant("2026-03-02T00:00:00Z"), open: try eur("50.00")),
            OpenInvoice(invoiceID: "i1", invoiceNumber: "INV-1", orderID: "O-A", issuedAt: try DomainFixtures.instant("2026-03-01T00:00:00Z"), open: try eur("100.00")),
        ]
    }

    private func eur(_ amount: String) throws -> Money {
        try DomainFixtures.money(amount, "EUR")
    }

    private func applied(_ allocation: PaymentAllocation) -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: allocation.applications.map { ($0.invoiceNumber, $0.amount.minorUnits) })
    }

    @Test func withoutReferencesOldestInvoicesArePaidFirst() throws {
        let allocation = try PaymentAllocator.allocate(amount: try eur("170.00"), to: try invoices(), references: [])
        #expect(allocation.applications.map(\.invoiceNumber) == ["INV-1", "INV-2", "INV-3"])
        #expect(allocation.applications.map(\.amount.minorUnits) == [10_000, 5_000, 2_000])
        #expect(allocation.unapplied.isZero)
        #expect(allocation.unmatchedReferences.isEmpty)
    }

    @Test func underPaymentLeavesTheOldestInvoicePartlyOpen() throws {
        let allocation = try PaymentAllocator.allocate(amount: try eur("60.00"), to: try invoices(), references: [])
        #expect(applied(allocation) == ["INV-1": 6_000])
        #expect(allocation.unapplied.isZero)
    }

    @Test func overPaymentIsKeptAsUnapplied() throws {
        let allocation = try PaymentAllocator.allocate(amount: try eur("250.00"), to: try invoices(), references: [])
        #expect(applied(allocation) == ["INV-1": 10_000, "INV-2": 5_000, "INV-3": 3_000, "INV-4": 2_000])
        #expect(allocation.unapplied == (try eur("50.00")))
    }

    @Test func equallyOldInvoicesGoByInvoiceNumber() throws {
        let day = try DomainFixtures.instant("2026-03-01T00:00:00Z")
        let twins = [
            OpenInvoice(invoiceID: "b", invoiceNumber: "INV-11", orderID: "O", issuedAt: day, open: try eur("10.00")),
            OpenInvoice(invoiceID: "a", invoiceNumber: "INV-10", orderID: "O", issuedAt: day, open: try eur("10.00")),
        ]
        let allocation = try PaymentAllocator.allocate(amount: try eur("10.00"), to: twins, references: [])
        #expect(allocation.applications.map(\.invoiceNumber) == ["INV-10"])
    }

    /// The referenced invoice is paid even though older ones are open; the rest is not spread to them.
    @Test func invoiceNumberReferencePaysOnlyThatInvoice() throws {
        let allocation = try PaymentAllocator.allocate(amount: try eur("45.00"), to: try invoices(), references: ["INV-3"])
        #expect(applied(allocation) == ["INV-3": 3_000])
        #expect(allocation.unapplied == (try eur("15.00")))
        #expect(allocation.unmatchedReferences.isEmpty)
    }

    @Test func orderReferencePaysThatOrdersInvoicesOldestFirst() throws {
        let allocation = try PaymentAllocator.allocate(amount: try eur("40.00"), to: try invoices(), references: ["o-b"])
        #expect(allocation.applications.map(\.invoiceNumber) == ["INV-3", "INV-4"])
        #expect(allocation.applications.map(\.amount.minorUnits) == [3_000, 1_000])
        #expect(allocation.unapplied.isZero)
    }

    @Test func referencesAreAppliedInTheOrderGiven() throws {
        let allocation = try PaymentAllocator.allocate(amount: try eur("60.00"), to: try invoices(), references: ["INV-2", "INV-1"])
        #expect(applied(allocation) == ["INV-2": 5_000, "INV-1": 1_000])
        #expect(allocation.applications.first?.invoiceNumber == "INV-2")
    }

    @Test func anInvoiceMatchedTwiceIsPaidOnce() throws {
        let allocation = try PaymentAllocator.allocate(amount: try eur("100.00"), to: try invoices(), references: ["INV-3", "O-B"])
        #expect(allocation.applications.map(\.invoiceNumber) == ["INV-3", "INV-4"])
        #expect(allocation.unapplied == (try eur("50.00")))
    }

    @Test func unmatchedReferenceIsListedAndItsMoneyLeftUnapplied() throws {
        let allocation = try PaymentAllocator.allocate(amount: try eur("25.00"), to: try invoices(), references: ["INV-999"])
        #expect(allocation.applications.isEmpty)
        #expect(allocation.unapplied == (try eur("25.00")))
        #expect(allocation.unmatchedReferences == ["INV-999"])
    }

    @Test func matchedAndUnmatchedReferencesTogether() throws {
        let allocation = try PaymentAllocator.allocate(amount: try eur("25.00"), to: try invoices(), references: ["INV-999", "INV-4"])
        #expect(applied(allocation) == ["INV-4": 2_000])
        #expect(allocation.unapplied == (try eur("5.00")))
        #expect(allocation.unmatchedReferences == ["INV-999"])
    }

    @Test func invoicesWithNothingOpenAreSkipped() throws {
        let paid = OpenInvoice(invoiceID: "i0", invoiceNumber: "INV-0", orderID: "O-0", issuedAt: .distantPast, open: try eur("0.00"))
        let allocation = try PaymentAllocator.allocate(amount: try eur("10.00"), to: [paid] + (try invoices()), references: [])
        #expect(allocation.applications.map(\.invoiceNumber) == ["INV-1"])
    }

    @Test func invoiceInAnotherCurrencyThrows() throws {
        let dollars = OpenInvoice(invoiceID: "u", invoiceNumber: "INV-U", orderID: "O-U", issuedAt: .distantPast, open: try DomainFixtures.money("1.00", "USD"))
        let expected = MoneyError.currencyMismatch(try DomainFixtures.currency("EUR"), try DomainFixtures.currency("USD"))
        #expect(throws: expected) {
            try PaymentAllocator.allocate(amount: try eur("10.00"), to: [dollars], references: [])
        }
    }
}
