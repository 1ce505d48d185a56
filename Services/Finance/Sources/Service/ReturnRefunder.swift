import Contracts
import Foundation
import Outbox
import Persistence
import ServiceKit

/// Credits and refunds returned goods.
///
/// On `shipments.return.received.v1`: a credit note for the resalable units received (damaged ones are not
/// credited) at the order's unit prices, with the tax each line was charged on its invoice (lines never invoiced:
/// the current ``TaxEngine``); numbered gap-free in `<credit note prefix>-<year>`. The credit note first settles
/// what is still open on the order's invoices; the rest is refunded (a refund record, `finance.refund.completed.v1`).
public struct ReturnRefunder: Sendable {
    public let store: FinanceStore
    public let configuration: FinanceConfiguration
    public let taxEngine: TaxEngine

    public init(store: FinanceStore, configuration: FinanceConfiguration, taxEngine: TaxEngine) {
        self.store = store
        self.configuration = configuration
        self.taxEngine = taxEngine
    }

    public func register(on handlers: inout EventHandlers) {
        handlers.on(ReturnReceived.self, handler: "credit-return") { envelope, context in
            try await credit(envelope, context: context)
        }
    }

    private func credit(_ envelope: EventEnvelope<ReturnReceived>, context: EventHandlerContext) async throws {
        let receipt = envelope.payload
        let transaction = context.transaction
        guard let order = try await store.lockOrder(id: receipt.orderID, defaultTaxClass: configuration.defaultTaxClass, in: transaction) else {
            throw OrderNotYetKnown(orderID: receipt.orderID)
        }
        guard try await !store.creditNoteExists(receiptID: receipt.receiptID, in: transaction) else {
            context.logger.info("return receipt already credited", metadata: ["receipt_id": "\(receipt.receiptID)"])
            return
        }
        var units: [Int: Int] = [:]
        for line in receipt.lines where line.condition == .resalable { units[line.lineNumber, default: 0] += line.quantity }
        guard !units.isEmpty else {
            context.logger.info("nothing resalable in the return receipt; no credit note", metadata: ["rma": "\(receipt.rma)", "receipt_id": "\(receipt.receiptID)"])
            return
        }
        let byNumber = Dictionary(order.lines.map { ($0.priced.lineNumber, $0.priced) }, uniquingKeysWith: { first, _ in first })
        var taxable: [TaxableLine] = []
        var quantities: [Int] = []
        for (lineNumber, quantity) in units.sorted(by: { $0.key < $1.key }) {
            guard let priced = byNumber[lineNumber] else {
                throw EventRejection("return \(receipt.rma) receipt \(receipt.receiptID) names line \(lineNumber), which order \(order.orderID) does not have")
            }
            taxable.append(TaxableLine(lineNumber: lineNumber, sku: priced.sku, taxClass: priced.taxClass, net: try priced.unitPrice * quantity))
            quantities.append(quantity)
        }
        let charged = try await store.chargedTax(orderID: order.orderID, in: transaction)
        let calculator: any TaxCalculator
        if taxable.allSatisfy({ charged[$0.lineNumber] != nil }) {
            // The rates on the invoices, whatever the table says today; each line's own class.
            taxable = taxable.map { line in
                var line = line
                line.taxClass = charged[line.lineNumber]?.taxClass ?? line.taxClass
                return line
            }
            calculator = TaxTable(rates: Array(Set(taxable.compactMap { charged[$0.lineNumber] })), rounding: configuration.taxRounding)
        } else {
            calculator = try await taxEngine.calculator(for: order.shipTo, store: store, in: transaction)
        }
        let taxes: [LineTax]
        do {
            taxes = try calculator.tax(lines: taxable, shipTo: order.shipTo)
        } catch {
            throw EventRejection("return \(receipt.rma) receipt \(receipt.receiptID) cannot be taxed: \(error.description)")
        }
        var lines: [CreditNoteRecord.Line] = []
        for ((line, quantity), tax) in zip(zip(taxable, quantities), taxes) {
            lines.append(CreditNoteRecord.Line(lineNumber: line.lineNumber, sku: line.sku, quantity: quantity, net: line.net, tax: tax.tax, ratePercent: tax.ratePercent))
        }
        let net = try Money.sum(lines.map(\.net), in: order.currency)
        let tax = try Money.sum(lines.map(\.tax), in: order.currency)
        let total = try net + tax
        var remaining = total.minorUnits
        var settled: [(id: String, amount: Int64)] = []
        for invoice in try await store.lockOpenInvoices(orderID: order.orderID, currency: order.currency, in: transaction) where remaining > 0 {
            let amount = min(invoice.open, remaining)
            settled.append((invoice.id, amount))
            remaining -= amount
        }
        let issuedAt = StableJSON.roundedToMilliseconds(Date())
        let series = FinanceStore.series(prefix: configuration.creditNotePrefix, at: issuedAt)
        let (number, sequence) = try await store.nextNumber(series: series, in: transaction)
        let note = CreditNoteRecord(
            id: "cn-" + CorrelationID.generate(), number: number, series: series, sequence: sequence, receiptID: receipt.receiptID, rma: receipt.rma,
            orderID: order.orderID, customer: order.customer, net: net, tax: tax, total: total,
            applied: Money(minorUnits: total.minorUnits - remaining, currency: order.currency), issuedAt: issuedAt, lines: lines,
            refundID: "rfd-" + CorrelationID.generate(), refund: Money(minorUnits: remaining, currency: order.currency)
        )
        try await store.insertCreditNote(note, settled: settled, in: transaction)
        let event = RefundCompleted(refundID: note.refundID, creditNoteNumber: number, orderID: order.orderID, rma: receipt.rma,
                                    customer: order.customer, amount: note.refund, completedAt: issuedAt)
        try await store.publish(EventEnvelope(payload: event, causedBy: envelope), in: transaction)
    }
}
