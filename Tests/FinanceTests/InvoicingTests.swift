import Contracts
import Finance
import Foundation
import Outbox
import Persistence
import Testing
import WholesailTestSupport

/// Invoices from `shipments.shipment.dispatched.v1` against the real broker and database.
@Suite("Invoicing")
struct InvoicingTests {
    @Test func aPartialShipmentInvoicesOnlyTheShippedUnitsWithTax() async throws {
        try await FinanceServiceHarness.with("invoice_partial") { finance in
            try await finance.customer("C-1", limit: 10_000_000)
            try await finance.taxRate("DE", percent: "19")
            try await finance.confirmed("ord-1", customer: "C-1", lines: [(1, "BOLT", 10, 100), (2, "NUT", 5, 20)])
            try await finance.waitForOrder("ord-1")

            try await finance.dispatched("ord-1", dispatchID: "d-1", lines: [(1, "BOLT", 4)])
            let first = try #require(try await finance.invoices(expecting: 1).first)
            #expect(first.dispatchID == "d-1")
            #expect(first.net == Money(minorUnits: 400, currency: .EUR))
            #expect(first.tax == Money(minorUnits: 76, currency: .EUR))
            #expect(first.total == Money(minorUnits: 476, currency: .EUR))

            try await finance.dispatched("ord-1", dispatchID: "d-2", lines: [(1, "BOLT", 6), (2, "NUT", 5)])
            let second = try #require(try await finance.invoices(expecting: 1).first)
            #expect(second.net == Money(minorUnits: 700, currency: .EUR))
            #expect(second.tax == Money(minorUnits: 133, currency: .EUR), "per line: 6.00 × 19 % = 1.14, 1.00 × 19 % = 0.19")

            let stored = try await finance.service.client.get("/v1/invoices?order=ord-1").json()
            let lines = try #require(stored["invoices"]?.arrayValue?.first?["lines"]?.arrayValue)
            #expect(lines.count == 1)
            #expect(lines.first?["quantity"] == 4)
        }
    }

    @Test func theDueDateFollowsTheCustomersTerms() async throws {
        try await FinanceServiceHarness.with("invoice_terms") { finance in
            try await finance.customer("C-1", limit: 10_000_000, terms: 45)
            try await finance.taxRate("DE", percent: "19")
            try await finance.confirmed("ord-1", customer: "C-1", lines: [(1, "BOLT", 1, 100)])
            try await finance.waitForOrder("ord-1")
            try await finance.dispatched("ord-1", dispatchID: "d-1", lines: [(1, "BOLT", 1)])
            let invoice = try #require(try await finance.invoices(expecting: 1).first)
            #expect(invoice.dueDate == PaymentTerms.dueDate(issuedAt: invoice.postedAt, termsDays: 45))
        }
    }

    @Test func aProductsTaxClassChoosesItsRate() async throws {
        try await FinanceServiceHarness.with("invoice_tax_class") { finance in
            try await finance.customer("C-1", limit: 10_000_000)
            try await finance.taxRate("DE", percent: "19")
            try await finance.taxRate("DE", "reduced", percent: "7")
            #expect(try await finance.service.client.put("/v1/product-tax-classes/BOOK", json: #"{"taxClass": "reduced"}"#).status == 200)
            try await finance.confirmed("ord-1", customer: "C-1", lines: [(1, "BOOK", 1, 1000), (2, "BOLT", 1, 1000)])
            try await finance.waitForOrder("ord-1")
            try await finance.dispatched("ord-1", dispatchID: "d-1", lines: [(1, "BOOK", 1), (2, "BOLT", 1)])
            let invoice = try #require(try await finance.invoices(expecting: 1).first)
            #expect(invoice.tax == Money(minorUnits: 70 + 190, currency: .EUR))
        }
    }

    @Test func aDispatchArrivingBeforeTheConfirmationIsInvoicedOnceItArrives() async throws {
        try await FinanceServiceHarness.with("invoice_early_dispatch") { finance in
            try await finance.customer("C-1", limit: 10_000_000)
            try await finance.taxRate("DE", percent: "19")
            try await finance.dispatched("ord-1", dispatchID: "d-1", lines: [(1, "BOLT", 2)])
            try await finance.confirmed("ord-1", customer: "C-1", lines: [(1, "BOLT", 2, 500)])
            let invoice = try #require(try await finance.invoices(expecting: 1).first)
            #expect(invoice.net == Money(minorUnits: 1000, currency: .EUR))
        }
    }

    @Test func invoicingDrawsDownTheOrdersCreditHold() async throws {
        try await FinanceServiceHarness.with("invoice_hold") { finance in
            try await finance.customer("C-1", limit: 10_000_000)
            try await finance.taxRate("DE", percent: "19")
            try await finance.priced("ord-1", customer: "C-1", total: 1000)
            _ = try await finance.service.collect(CreditApproved.self, expecting: 1)
            try await finance.confirmed("ord-1", customer: "C-1", lines: [(1, "BOLT", 2, 500)])
            try await finance.waitForOrder("ord-1")
            try await finance.dispatched("ord-1", dispatchID: "d-1", lines: [(1, "BOLT", 2)])
            _ = try await finance.invoices(expecting: 1)
            let account = try await finance.service.client.get("/v1/customers/C-1").json()
            #expect(account["heldForOpenOrders"]?["amount"]?.stringValue == "0.00")
            #expect(account["openReceivables"]?["amount"]?.stringValue == "11.90")
        }
    }

    /// Three lines of 7 minor units at 7.5 %: each line's exact tax is 0.525 of a minor unit.
    static let tinyLines: [(Int, String, Int, Int64)] = [(1, "A", 1, 7), (2, "B", 1, 7), (3, "C", 1, 7)]

    @Test func perLineRoundingInAThreeDecimalCurrencyRoundsEachLine() async throws {
        try await FinanceServiceHarness.with("invoice_kwd_line") { finance in
            try await finance.customer("C-1", limit: 10_000_000, currency: .KWD)
            try await finance.taxRate("DE", percent: "7.5")
            try await finance.confirmed("ord-1", customer: "C-1", lines: Self.tinyLines, currency: .KWD)
            try await finance.waitForOrder("ord-1")
            try await finance.dispatched("ord-1", dispatchID: "d-1", lines: [(1, "A", 1), (2, "B", 1), (3, "C", 1)])
            let invoice = try #require(try await finance.invoices(expecting: 1).first)
            #expect(invoice.tax == Money(minorUnits: 3, currency: .KWD), "0.525 fils rounds up to 1 fils on each of three lines")
            #expect(invoice.total.amountString == "0.024")
        }
    }

    @Test func perInvoiceRoundingInAZeroDecimalCurrencyRoundsOncePerRate() async throws {
        try await FinanceServiceHarness.with("invoice_jpy_invoice", adjust: { $0.taxRounding = .perInvoice }) { finance in
            try await finance.customer("C-1", limit: 10_000_000, currency: .JPY)
            try await finance.taxRate("DE", percent: "7.5")
            try await finance.confirmed("ord-1", customer: "C-1", lines: Self.tinyLines, currency: .JPY)
            try await finance.waitForOrder("ord-1")
            try await finance.dispatched("ord-1", dispatchID: "d-1", lines: [(1, "A", 1), (2, "B", 1), (3, "C", 1)])
            let invoice = try #require(try await finance.invoices(expecting: 1).first)
            #expect(invoice.tax == Money(minorUnits: 2, currency: .JPY), "21 yen × 7.5 % = 1.575 yen, rounded once")
            let lines = try #require(try await finance.service.client.get("/v1/invoices/\(invoice.invoiceNumber)").json()["lines"]?.arrayValue)
            #expect(lines.compactMap { $0["tax"]?["amount"]?.stringValue } == ["1", "1", "0"], "spread by largest remainder, ties to the lower line")
        }
    }

    @Test func invoiceNumbersAreGapFreeUnderConcurrentShipments() async throws {
        try await FinanceServiceHarness.with("invoice_numbers") { finance in
            try await finance.customer("C-1", limit: 1_000_000_000)
            try await finance.taxRate("DE", percent: "19")
            let orders = (1...40).map { "ord-\($0)" }
            for order in orders { try await finance.confirmed(order, customer: "C-1", lines: [(1, "BOLT", 1, 100)]) }
            for order in orders { try await finance.waitForOrder(order) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for order in orders {
                    group.addTask { try await finance.dispatched(order, dispatchID: "d-\(order)", lines: [(1, "BOLT", 1)]) }
                }
                try await group.waitForAll()
            }
            let invoices = try await finance.invoices(expecting: 40)
            let sequences = invoices.compactMap { Int($0.invoiceNumber.split(separator: "-").last ?? "") }.sorted()
            #expect(sequences == Array(1...40), "numbers: \(invoices.map(\.invoiceNumber).sorted())")
            #expect(Set(invoices.map(\.dispatchID)).count == 40)
        }
    }
}

/// The document series on its own: concurrent transactions, some rolled back, leave no gap.
@Suite("Document numbering")
struct DocumentNumberingTests {
    struct RolledBack: Error {}

    @Test func numbersOfRolledBackTransactionsAreReusedSoCommittedOnesHaveNoGap() async throws {
        try await PostgresTestEnvironment.withSchema("finance_numbers") { schema in
            _ = try await Migrator(schema: schema.name).migrate(try FinanceService.migrations(), on: schema.pool)
            let store = FinanceStore(outbox: try OutboxWriter(schema: schema.name))
            let committed = Locked<[Int64]>([])
            await withTaskGroup(of: Void.self) { group in
                for attempt in 0..<30 {
                    group.addTask {
                        _ = try? await schema.pool.transaction { transaction in
                            let (_, sequence) = try await store.nextNumber(series: "INV-2026", in: transaction)
                            if attempt % 3 == 0 { throw RolledBack() }
                            committed.withLock { $0.append(sequence) }
                        }
                    }
                }
            }
            #expect(committed.withLock { $0.sorted() } == Array(1...20))
        }
    }
}
