import Contracts
import Foundation
import Outbox
import Persistence
import X12

/// Writes the documents an EDI partner gets for an order that came by EDI, in the transaction of the step that
/// causes them — so a document exists exactly when its cause is committed, once:
/// - **855** when the order is confirmed (`AD`, or `AC` with `IP` lines when Wholesail's price differs from the
///   PO's) or rejected (`RJ`: lines short of stock `IB` backordered, the others `IR`). Wholesail keeps no
///   backorders: an `IB` line tells the buyer the stock is not there; the buyer orders again.
/// - **856** for every dispatch: shipment (carrier, tracking) → order (PO number) → items in the PO's own units.
/// - **810** for every invoice, with the dispatch's lines at the confirmed prices, tax, and the total (TDS, N2).
/// Orders from other channels cost one primary-key read.
struct EDIDocumentGenerator: Sendable {
    /// An 810 whose dispatch orders has not seen yet: retried until the dispatch is there.
    struct DispatchNotYetKnown: Error, CustomStringConvertible {
        var dispatchID: String
        var description: String { "invoice for dispatch \(dispatchID), which orders has not recorded yet; retrying" }
    }

    let partners = EDIPartners()
    let documents = EDIDocuments()

    func orderConfirmed(_ confirmed: OrderConfirmed, in transaction: PostgresTransaction) async throws {
        guard let (partner, purchaseOrder) = try await link(confirmed.orderID, in: transaction) else { return }
        let prices = Dictionary(confirmed.lines.map { ($0.lineNumber, $0.unitPrice.decimalAmount) }, uniquingKeysWith: { first, _ in first })
        var changed = false
        let lines = purchaseOrder.lines.map { line -> PurchaseOrderAcknowledgment855.Line in
            let price = prices[line.lineNumber].map { $0 * Decimal(line.unitsPerUOM) }
            let priceChanged = line.unitPrice != nil && price != nil && line.unitPrice != price
            changed = changed || priceChanged
            return PurchaseOrderAcknowledgment855.Line(
                lineID: line.lineID, quantity: line.quantity, unit: line.unit, unitPrice: price ?? line.unitPrice,
                productIdentifiers: Self.identifiers(line),
                acknowledgments: [.init(status: priceChanged ? "IP" : "IA", quantity: line.quantity, unit: line.unit)]
            )
        }
        let acknowledgment = PurchaseOrderAcknowledgment855(
            acknowledgmentType: changed ? "AC" : "AD", purchaseOrderNumber: purchaseOrder.purchaseOrderNumber,
            purchaseOrderDate: purchaseOrder.purchaseOrderDate, sellerOrderNumber: confirmed.orderID,
            acknowledgmentDate: Self.date(confirmed.confirmedAt), currency: purchaseOrder.currency, lines: lines
        )
        try await store(acknowledgment.segments(), type: "855", functionalIdentifier: "PR", partner: partner, orderID: confirmed.orderID,
                        source: "order:\(confirmed.orderID)", in: transaction)
    }

    /// - Parameter shortages: SKU → units available, from inventory's refusal (empty when stock was not the reason).
    func orderRejected(orderID: String, shortages: [String: Int], in transaction: PostgresTransaction) async throws {
        guard let (partner, purchaseOrder) = try await link(orderID, in: transaction) else { return }
        let lines = purchaseOrder.lines.map { line -> PurchaseOrderAcknowledgment855.Line in
            let short = shortages[line.sku] != nil
            return PurchaseOrderAcknowledgment855.Line(
                lineID: line.lineID, quantity: line.quantity, unit: line.unit, unitPrice: line.unitPrice, productIdentifiers: Self.identifiers(line),
                acknowledgments: [.init(status: short ? "IB" : "IR", quantity: line.quantity, unit: line.unit)]
            )
        }
        let acknowledgment = PurchaseOrderAcknowledgment855(
            acknowledgmentType: "RJ", purchaseOrderNumber: purchaseOrder.purchaseOrderNumber, purchaseOrderDate: purchaseOrder.purchaseOrderDate,
            sellerOrderNumber: orderID, acknowledgmentDate: Self.date(Date()), currency: purchaseOrder.currency, lines: lines
        )
        try await store(acknowledgment.segments(), type: "855", functionalIdentifier: "PR", partner: partner, orderID: orderID,
                        source: "order:\(orderID)", in: transaction)
    }

    func dispatched(_ dispatch: ShipmentDispatched, in transaction: PostgresTransaction) async throws {
        guard let (partner, purchaseOrder) = try await link(dispatch.orderID, in: transaction) else { return }
        let byNumber = Dictionary(purchaseOrder.lines.map { ($0.lineNumber, $0) }, uniquingKeysWith: { first, _ in first })
        let items = dispatch.lines.compactMap { shipped -> ShipNotice856.Item? in
            guard let line = byNumber[shipped.lineNumber] else { return nil }
            return ShipNotice856.Item(lineID: line.lineID, productIdentifiers: Self.identifiers(line),
                                      quantityShipped: Decimal(shipped.quantity) / Decimal(line.unitsPerUOM), unit: line.unit)
        }
        var references: [X12Reference] = []
        if let tracking = dispatch.trackingNumber { references.append(X12Reference(qualifier: "CN", value: tracking)) }
        let notice = ShipNotice856(
            shipmentIdentifier: dispatch.dispatchID, date: Self.date(dispatch.dispatchedAt), time: Self.time(dispatch.dispatchedAt),
            shipment: ShipNotice856.Shipment(
                carrierQualifier: dispatch.carrier == nil ? nil : "2", carrierCode: dispatch.carrier.map(Self.carrierCode), references: references,
                dates: [X12DateTimeReference(qualifier: "011", date: Self.date(dispatch.dispatchedAt))]
            ),
            orders: [ShipNotice856.Order(purchaseOrderNumber: purchaseOrder.purchaseOrderNumber, purchaseOrderDate: purchaseOrder.purchaseOrderDate, items: items)]
        )
        try await store(notice.segments(), type: "856", functionalIdentifier: "SH", partner: partner, orderID: dispatch.orderID,
                        source: "dispatch:\(dispatch.dispatchID)", in: transaction)
    }

    func invoiced(_ invoice: InvoicePosted, in transaction: PostgresTransaction) async throws {
        guard let (partner, purchaseOrder) = try await link(invoice.orderID, in: transaction) else { return }
        let shipped = try await transaction.query(
            "SELECT line_number, quantity FROM order_dispatch_lines WHERE dispatch_id = $1 ORDER BY line_number", invoice.dispatchID
        )
        guard !shipped.isEmpty else { throw DispatchNotYetKnown(dispatchID: invoice.dispatchID) }
        guard let confirmedText = try await transaction.query("SELECT document::text FROM erp_postings WHERE order_id = $1", invoice.orderID)
            .first?.decode(String.self, at: 0) else {
            throw EventRejection("invoice \(invoice.invoiceNumber) is for order \(invoice.orderID), which was never confirmed")
        }
        let confirmed = try StableJSON.decode(OrderConfirmed.self, from: Data(confirmedText.utf8))
        let prices = Dictionary(confirmed.lines.map { ($0.lineNumber, $0.unitPrice.decimalAmount) }, uniquingKeysWith: { first, _ in first })
        let byNumber = Dictionary(purchaseOrder.lines.map { ($0.lineNumber, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [Invoice810.Line] = []
        for row in shipped {
            let number = try row.decode(Int.self, at: 0)
            guard let line = byNumber[number], let price = prices[number] else { continue }
            lines.append(Invoice810.Line(
                lineID: line.lineID, quantity: Decimal(try row.decode(Int.self, at: 1)) / Decimal(line.unitsPerUOM), unit: line.unit,
                unitPrice: price * Decimal(line.unitsPerUOM), productIdentifiers: Self.identifiers(line)
            ))
        }
        let document = Invoice810(
            invoiceDate: Self.date(invoice.postedAt), invoiceNumber: invoice.invoiceNumber, purchaseOrderDate: purchaseOrder.purchaseOrderDate,
            purchaseOrderNumber: purchaseOrder.purchaseOrderNumber, currency: invoice.total.currency.code,
            terms: Invoice810.Terms(netDueDate: invoice.dueDate.replacingOccurrences(of: "-", with: "")),
            lines: lines, taxes: invoice.tax.isZero ? [] : [Invoice810.Tax(type: "TX", amount: invoice.tax.decimalAmount)],
            totalAmount: invoice.total.decimalAmount
        )
        try await store(try document.segments(), type: "810", functionalIdentifier: "IN", partner: partner, orderID: invoice.orderID,
                        source: "invoice:\(invoice.invoiceID)", in: transaction)
    }

    // MARK: Parts

    private func link(_ orderID: String, in transaction: PostgresTransaction) async throws -> (EDIPartnerConfiguration, EDIPurchaseOrderRecord)? {
        guard let row = try await transaction.query("SELECT partner_id, purchase_order::text FROM edi_orders WHERE order_id = $1", orderID).first else {
            return nil
        }
        let partnerID = try row.decode(String.self, at: 0)
        guard let partner = try await partners.partner(id: partnerID, in: transaction) else {
            throw OrdersStoreError.corrupt("EDI order \(orderID) names partner \(partnerID), which is gone")
        }
        return (partner, try JSONDecoder().decode(EDIPurchaseOrderRecord.self, from: Data(try row.decode(String.self, at: 1).utf8)))
    }

    private func store(_ body: [X12Segment], type: String, functionalIdentifier: String, partner: EDIPartnerConfiguration, orderID: String,
                       source: String, in transaction: PostgresTransaction) async throws {
        guard try await !documents.exists(partnerID: partner.id, documentType: type, source: source, in: transaction) else { return }
        let written = try await EDIEnvelope(partner: partner, partners: partners).write(
            functionalIdentifier: functionalIdentifier, sets: [(body, type)], in: transaction
        )
        _ = try await documents.insert(
            partnerID: partner.id, documentType: type, orderID: orderID, source: source, interchangeControlNumber: written.interchangeControlNumber,
            body: written.text, status: partner.deliveryURL == nil ? "held" : "pending", in: transaction
        )
    }

    private static func identifiers(_ line: EDIPurchaseOrderRecord.Line) -> [X12ProductIdentifier] {
        line.productIDs.map { X12ProductIdentifier(qualifier: $0.qualifier, value: $0.id) }
    }

    /// TD503 is an SCAC of 2 to 4 letters; a longer carrier name is cut to its first four letters and digits.
    static func carrierCode(_ carrier: String) -> String {
        String(carrier.uppercased().filter { $0.isLetter || $0.isNumber }.prefix(4))
    }

    static func date(_ date: Date) -> String { X12Date.string(from: date) }
    static func time(_ date: Date) -> String { X12Date.timeString(from: date) }
}
