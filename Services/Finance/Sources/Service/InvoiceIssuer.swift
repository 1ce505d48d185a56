import Contracts
import Foundation
import Metrics
import Outbox
import Persistence
import ServiceKit

/// Keeps confirmed orders' priced lines, and invoices every dispatch of them.
///
/// On `shipments.shipment.dispatched.v1`: one invoice for the dispatched units at the priced amounts
/// (``InvoicePricing``), tax from the ``TaxEngine`` by ship-to region and product tax class, due date from the
/// customer's terms, a gap-free number in the series `<prefix>-<year>`; `finance.invoice.posted.v1`. The order's
/// credit hold is drawn down by the invoiced net amount (and released when the order is fully invoiced).
public struct InvoiceIssuer: Sendable {
    public let store: FinanceStore
    public let configuration: FinanceConfiguration
    public let taxEngine: TaxEngine
    private let invoicesPosted: Counter

    public init(store: FinanceStore, configuration: FinanceConfiguration, taxEngine: TaxEngine, metricsFactory: any MetricsFactory) {
        self.store = store
        self.configuration = configuration
        self.taxEngine = taxEngine
        invoicesPosted = Counter(label: "finance_invoices_posted_total", factory: metricsFactory)
    }

    public func register(on handlers: inout EventHandlers) {
        handlers.on(OrderConfirmed.self, handler: "keep-confirmed-order") { envelope, context in
            if try await !store.insertOrder(envelope.payload, in: context.transaction) {
                context.logger.info("order already kept", metadata: ["order_id": "\(envelope.payload.orderID)"])
            }
        }
        handlers.on(ShipmentDispatched.self, handler: "invoice-dispatch") { envelope, context in
            try await invoice(envelope, context: context)
        }
    }

    private func invoice(_ envelope: EventEnvelope<ShipmentDispatched>, context: EventHandlerContext) async throws {
        let dispatch = envelope.payload
        let transaction = context.transaction
        guard let order = try await store.lockOrder(id: dispatch.orderID, defaultTaxClass: configuration.defaultTaxClass, in: transaction) else {
            throw OrderNotYetKnown(orderID: dispatch.orderID)
        }
        guard try await store.insertDispatch(dispatch, in: transaction) else {
            context.logger.info("dispatch already invoiced", metadata: ["dispatch_id": "\(dispatch.dispatchID)"])
            return
        }
        guard let account = try await store.customer(id: order.customer, in: transaction) else {
            throw EventRejection("customer \(order.customer) of order \(order.orderID) has no finance account; import it (PUT /v1/customers/\(order.customer)) and replay")
        }
        let drafts: [InvoiceLineDraft]
        do {
            drafts = try InvoicePricing.lines(
                shipped: dispatch.lines.map { ShippedUnits(lineNumber: $0.lineNumber, quantity: $0.quantity) },
                priced: order.lines.map(\.priced), invoicedSoFar: order.invoicedSoFar
            )
        } catch {
            throw EventRejection("dispatch \(dispatch.dispatchID) does not fit order \(order.orderID): \(error.description)")
        }
        let calculator = try await taxEngine.calculator(for: order.shipTo, store: store, in: transaction)
        let taxes: [LineTax]
        do {
            taxes = try calculator.tax(lines: drafts.map { TaxableLine(lineNumber: $0.lineNumber, sku: $0.sku, taxClass: $0.taxClass, net: $0.net) },
                                       shipTo: order.shipTo)
        } catch {
            throw EventRejection("dispatch \(dispatch.dispatchID) of order \(order.orderID) cannot be taxed: \(error.description)")
        }
        guard taxes.count == drafts.count else {
            throw EventRejection("the tax calculator answered \(taxes.count) line(s) for \(drafts.count); nothing was invoiced")
        }
        let issuedAt = StableJSON.roundedToMilliseconds(Date())
        let series = FinanceStore.series(prefix: configuration.invoicePrefix, at: issuedAt)
        var lines: [InvoiceRecord.Line] = []
        for (draft, tax) in zip(drafts, taxes) {
            lines.append(InvoiceRecord.Line(lineNumber: draft.lineNumber, sku: draft.sku, taxClass: draft.taxClass, quantity: draft.quantity,
                                            unitPrice: draft.unitPrice, net: draft.net, tax: tax.tax, taxRegion: tax.region, ratePercent: tax.ratePercent))
        }
        let net = try Money.sum(lines.map(\.net), in: order.currency)
        let tax = try Money.sum(lines.map(\.tax), in: order.currency)
        let total = try net + tax
        let (number, sequence) = try await store.nextNumber(series: series, in: transaction)
        let invoice = InvoiceRecord(
            id: "inv-" + CorrelationID.generate(), number: number, series: series, sequence: sequence, orderID: order.orderID, customer: order.customer,
            dispatchID: dispatch.dispatchID, shipmentID: dispatch.shipmentID, net: net, tax: tax, total: total, open: total, issuedAt: issuedAt,
            dueDate: PaymentTerms.dueDate(issuedAt: issuedAt, termsDays: account.paymentTermsDays), settlementBatchID: nil, lines: lines
        )
        try await store.insertInvoice(invoice, in: transaction)
        let fullyInvoiced = order.lines.allSatisfy { line in
            line.invoicedQuantity + drafts.filter { $0.lineNumber == line.priced.lineNumber }.reduce(0) { $0 + $1.quantity } >= line.priced.quantity
        }
        try await store.drawDownCredit(orderID: order.orderID, by: net.minorUnits, releaseAll: fullyInvoiced, in: transaction)
        let event = InvoicePosted(
            invoiceID: invoice.id, invoiceNumber: number, orderID: order.orderID, customer: order.customer, dispatchID: dispatch.dispatchID,
            net: net, tax: tax, total: total, dueDate: invoice.dueDate, postedAt: issuedAt
        )
        try await store.publish(EventEnvelope(payload: event, causedBy: envelope), in: transaction)
        invoicesPosted.increment()
    }
}
