import Contracts
import Foundation
import Testing
@testable import Finance

/// ``JournalBuilder``: the account mapping of each document kind, balanced, without zero lines.
@Suite("Finance domain: journal builder")
struct JournalBuilderTests {
    private func document(_ kind: SettlementDocumentKind, net: String, tax: String) throws -> SettlementDocument {
        let total = try DomainFixtures.money(net, "EUR") + DomainFixtures.money(tax, "EUR")
        return SettlementDocument(
            kind: kind, id: "\(kind.rawValue)-1", number: "N-1", orderID: "O-1", customer: "C-1", currency: try DomainFixtures.currency("EUR"),
            net: try DomainFixtures.money(net, "EUR"), tax: try DomainFixtures.money(tax, "EUR"), total: total,
            occurredAt: try DomainFixtures.instant("2026-03-01T10:00:00Z")
        )
    }

    private func eur(_ amount: String) throws -> Money {
        try DomainFixtures.money(amount, "EUR")
    }

    @Test func invoiceDebitsReceivablesAndCreditsRevenueAndTax() throws {
        let entry = try JournalBuilder.entry(for: try document(.invoice, net: "100.00", tax: "19.00"))
        #expect(
            entry.lines == [
                .debit(.receivables, try eur("119.00")), .credit(.revenue, try eur("100.00")), .credit(.taxPayable, try eur("19.00")),
            ]
        )
        #expect(entry.documentKind == .invoice)
        #expect(entry.documentID == "invoice-1")
        #expect(entry.orderID == "O-1")
    }

    @Test func paymentDebitsCashAndCreditsReceivables() throws {
        let entry = try JournalBuilder.entry(for: try document(.payment, net: "50.00", tax: "0.00"))
        #expect(entry.lines == [.debit(.cash, try eur("50.00")), .credit(.receivables, try eur("50.00"))])
    }

    @Test func creditNoteReversesRevenueAndTaxAgainstReceivables() throws {
        let entry = try JournalBuilder.entry(for: try document(.creditNote, net: "20.00", tax: "3.80"))
        #expect(
            entry.lines == [
                .debit(.revenue, try eur("20.00")), .debit(.taxPayable, try eur("3.80")), .credit(.receivables, try eur("23.80")),
            ]
        )
    }

    @Test func refundDebitsReceivablesAndCreditsCash() throws {
        let entry = try JournalBuilder.entry(for: try document(.refund, net: "23.80", tax: "0.00"))
        #expect(entry.lines == [.debit(.receivables, try eur("23.80")), .credit(.cash, try eur("23.80"))])
    }

    @Test(arguments: [SettlementDocumentKind.invoice, .payment, .creditNote, .refund])
    func everyKindBalances(kind: SettlementDocumentKind) throws {
        let entry = try JournalBuilder.entry(for: try document(kind, net: "123.45", tax: "6.78"))
        #expect(entry.isBalanced)
        #expect(try entry.debitTotal == eur("130.23"))
        #expect(try entry.creditTotal == eur("130.23"))
        #expect(entry.lines.allSatisfy { $0.debit.isZero != $0.credit.isZero })
    }

    @Test func zeroTaxGivesNoTaxLine() throws {
        let entry = try JournalBuilder.entry(for: try document(.invoice, net: "100.00", tax: "0.00"))
        #expect(entry.lines == [.debit(.receivables, try eur("100.00")), .credit(.revenue, try eur("100.00"))])
    }

    @Test func amountsInAnotherCurrencyThanTheDocumentThrow() throws {
        var foreign = try document(.invoice, net: "1.00", tax: "0.00")
        foreign.net = try DomainFixtures.money("1.00", "USD")
        #expect(throws: MoneyError.self) {
            try JournalBuilder.entry(for: foreign)
        }
    }

    @Test func anEntryWhoseSidesDifferIsNotBalanced() throws {
        let entry = JournalEntry(
            documentKind: .invoice, documentID: "x", documentNumber: "X", orderID: nil, customer: "C", currency: try DomainFixtures.currency("EUR"),
            lines: [.debit(.receivables, try eur("10.00")), .credit(.revenue, try eur("9.99"))]
        )
        #expect(!entry.isBalanced)
    }

    @Test func ledgerAccountsCarryTheirNumbersAndNames() {
        #expect(LedgerAccount.allCases.map(\.code) == [1000, 1100, 2200, 4000])
        #expect(LedgerAccount.allCases.map { Int($0.rawValue) } == [1000, 1100, 2200, 4000])
        #expect(LedgerAccount.receivables.name == "Accounts receivable")
    }
}
