import Contracts

/// Turns a finance document into its double-entry journal entry, so that every document posts to the ledger
/// with the same, reviewed account mapping.
public enum JournalBuilder {
    /// The entry for `document`, from its line amounts (`net`, `tax`), not its header total — the controls compare
    /// the two:
    /// - invoice: Dr receivables (net + tax), Cr revenue (net), Cr tax payable (tax).
    /// - payment: Dr cash, Cr receivables (net + tax, i.e. the amount).
    /// - credit note: Dr revenue (net), Dr tax payable (tax), Cr receivables (net + tax).
    /// - refund: Dr receivables, Cr cash (net + tax, i.e. the amount).
    ///
    /// Zero-amount lines are left out (no tax line when the tax is zero). Negative amounts, which finance does not
    /// create, stay negative on their side rather than being flipped, so the entry still sums to the document.
    /// - Throws: ``MoneyError`` when `net` or `tax` is not in the document's currency, or on overflow.
    public static func entry(for document: SettlementDocument) throws(MoneyError) -> JournalEntry {
        let currency = document.currency
        for amount in [document.net, document.tax] where amount.currency != currency {
            throw .currencyMismatch(currency, amount.currency)
        }
        let gross = try document.net + document.tax
        let lines: [JournalLine] =
            switch document.kind {
            case .invoice:
                [.debit(.receivables, gross), .credit(.revenue, document.net), .credit(.taxPayable, document.tax)]
            case .payment:
                [.debit(.cash, gross), .credit(.receivables, gross)]
            case .creditNote:
                [.debit(.revenue, document.net), .debit(.taxPayable, document.tax), .credit(.receivables, gross)]
            case .refund:
                [.debit(.receivables, gross), .credit(.cash, gross)]
            }
        return JournalEntry(
            documentKind: document.kind, documentID: document.id, documentNumber: document.number, orderID: document.orderID,
            customer: document.customer, currency: currency, lines: lines.filter { !($0.debit.isZero && $0.credit.isZero) }
        )
    }
}
