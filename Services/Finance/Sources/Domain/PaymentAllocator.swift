import Contracts
import Foundation

/// Applies an incoming payment to a customer's open invoices, the way accounts-receivable clerks do: what the
/// customer referenced first, otherwise the oldest debt first.
public enum PaymentAllocator {
    /// Spreads `amount` over `invoices`.
    ///
    /// - Invoices whose open amount is zero or less are skipped (and match no reference).
    /// - Without references (none given, or all blank): oldest first — by `issuedAt`, then invoice number — each
    ///   invoice up to its open amount until the money runs out. An under-payment leaves the last invoice partly
    ///   open; what is left after all invoices is `unapplied` (an over-payment).
    /// - With references: a reference (trimmed, compared case-insensitively) matches an invoice number or an order
    ///   id. Money goes ONLY to matching invoices, in the order the references are given; an order reference covers
    ///   that order's invoices oldest first; an invoice is used once. The rest is `unapplied`, not spread to other
    ///   invoices. References that match no open invoice are listed in `unmatchedReferences`.
    /// - A zero or negative amount applies nothing (it is all `unapplied`).
    /// - Throws: ``MoneyError/currencyMismatch(_:_:)`` when an open invoice is not in the payment's currency.
    public static func allocate(amount: Money, to invoices: [OpenInvoice], references: [String]) throws(MoneyError) -> PaymentAllocation {
        let open = invoices.filter { $0.open.minorUnits > 0 }
        for invoice in open where invoice.open.currency != amount.currency {
            throw .currencyMismatch(amount.currency, invoice.open.currency)
        }
        let oldestFirst = open.sorted { left, right in
            left.issuedAt != right.issuedAt ? left.issuedAt < right.issuedAt : left.invoiceNumber < right.invoiceNumber
        }
        let givenReferences = references.filter { !normalized($0).isEmpty }

        var targets: [OpenInvoice] = []
        var unmatched: [String] = []
        if givenReferences.isEmpty {
            targets = oldestFirst
        } else {
            var used = Set<String>()
            for reference in givenReferences {
                let key = normalized(reference)
                let matches = oldestFirst.filter { normalized($0.invoiceNumber) == key || normalized($0.orderID) == key }
                guard !matches.isEmpty else {
                    if !unmatched.contains(reference) { unmatched.append(reference) }
                    continue
                }
                for invoice in matches where used.insert(invoice.invoiceID).inserted {
                    targets.append(invoice)
                }
            }
        }

        var remaining = amount
        var applications: [PaymentApplication] = []
        for invoice in targets where remaining.minorUnits > 0 {
            let applied = Money(minorUnits: min(remaining.minorUnits, invoice.open.minorUnits), currency: amount.currency)
            remaining = try remaining - applied
            applications.append(
                PaymentApplication(invoiceID: invoice.invoiceID, invoiceNumber: invoice.invoiceNumber, orderID: invoice.orderID, amount: applied)
            )
        }
        return PaymentAllocation(applications: applications, unapplied: remaining, unmatchedReferences: unmatched)
    }

    private static func normalized(_ reference: String) -> String {
        reference.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }
}
