import Contracts

/// Turns a dispatch into invoice lines at the priced amounts, so that a partial shipment bills only what
/// shipped and the invoices of a line always add up to its priced extended amount, to the minor unit.
public enum InvoicePricing {
    /// The invoice lines for one dispatch, ordered by line number.
    ///
    /// - Shipped entries with the same line number are summed into one line.
    /// - `net = unitPrice × quantity`, except on the dispatch that completes the line (units invoiced before plus
    ///   these units equal the ordered units): then `net = extendedAmount − net invoiced before`. That absorbs
    ///   any difference between the extended amount and `unitPrice × quantity` (e.g. a price rounded per line)
    ///   in the last invoice instead of leaving it unbilled.
    /// - `invoicedSoFar` entries with the same line number are summed; lines without one have nothing invoiced.
    /// - Throws: ``InvoicePricingError`` for a non-positive quantity, a line the order does not have, more units
    ///   than ordered, a priced line listed twice, mixed currencies, or overflow.
    public static func lines(
        shipped: [ShippedUnits], priced: [PricedLine], invoicedSoFar: [InvoicedSoFar]
    ) throws(InvoicePricingError) -> [InvoiceLineDraft] {
        var shippedByLine: [Int: Int] = [:]
        for units in shipped {
            guard units.quantity > 0 else { throw .invalidQuantity(lineNumber: units.lineNumber, quantity: units.quantity) }
            let (sum, overflow) = shippedByLine[units.lineNumber, default: 0].addingReportingOverflow(units.quantity)
            guard !overflow else { throw .overflow }
            shippedByLine[units.lineNumber] = sum
        }

        var pricedByLine: [Int: PricedLine] = [:]
        for line in priced {
            guard pricedByLine.updateValue(line, forKey: line.lineNumber) == nil else {
                throw .duplicatePricedLine(lineNumber: line.lineNumber)
            }
        }

        let invoicedByLine = Dictionary(grouping: invoicedSoFar, by: \.lineNumber)
        var drafts: [InvoiceLineDraft] = []
        drafts.reserveCapacity(shippedByLine.count)
        for (lineNumber, quantity) in shippedByLine.sorted(by: { $0.key < $1.key }) {
            guard let line = pricedByLine[lineNumber] else { throw .unknownLine(lineNumber: lineNumber) }
            let (invoicedQuantity, invoicedNet) = try invoiced(line: line, entries: invoicedByLine[lineNumber] ?? [])
            let (afterThis, overflow) = invoicedQuantity.addingReportingOverflow(quantity)
            guard !overflow, afterThis <= line.quantity else {
                throw .overShipped(lineNumber: lineNumber, shipped: quantity, ordered: line.quantity, invoiced: invoicedQuantity)
            }
            let net: Money
            do throws(MoneyError) {
                net = afterThis == line.quantity ? try line.extendedAmount - invoicedNet : try line.unitPrice * quantity
            } catch {
                throw mapped(error, lineNumber: lineNumber)
            }
            drafts.append(
                InvoiceLineDraft(lineNumber: lineNumber, sku: line.sku, taxClass: line.taxClass, quantity: quantity, unitPrice: line.unitPrice, net: net)
            )
        }
        return drafts
    }

    /// Units and net already invoiced for `line` (`entries` are the line's), checked to be in the line's currency.
    private static func invoiced(line: PricedLine, entries: [InvoicedSoFar]) throws(InvoicePricingError) -> (quantity: Int, net: Money) {
        let currency = line.unitPrice.currency
        guard line.extendedAmount.currency == currency else {
            throw .currencyMismatch(lineNumber: line.lineNumber, expected: currency, found: line.extendedAmount.currency)
        }
        var quantity = 0
        var net = Money.zero(currency)
        for entry in entries {
            let (sum, overflow) = quantity.addingReportingOverflow(entry.quantity)
            guard !overflow else { throw .overflow }
            quantity = sum
            do throws(MoneyError) {
                net = try net + entry.net
            } catch {
                throw mapped(error, lineNumber: line.lineNumber)
            }
        }
        return (quantity, net)
    }

    private static func mapped(_ error: MoneyError, lineNumber: Int) -> InvoicePricingError {
        switch error {
        case .currencyMismatch(let expected, let found):
            .currencyMismatch(lineNumber: lineNumber, expected: expected, found: found)
        case .overflow, .invalidAmount, .tooManyFractionDigits:
            .overflow
        }
    }
}
