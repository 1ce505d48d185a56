import Foundation

/// An 855 purchase order acknowledgment: Wholesail's answer to an 850, line by line (accepted, rejected,
/// backordered), or a partner's 855 read back.
public struct PurchaseOrderAcknowledgment855: Sendable, Hashable {
    /// One ACK segment: the status of some quantity of a line.
    public struct LineAcknowledgment: Sendable, Hashable {
        /// ACK01 line item status, e.g. `IA` accepted, `IR` rejected, `IB` backordered, `IQ` quantity changed,
        /// `IP` price changed.
        public var status: String
        /// ACK02 quantity this status applies to.
        public var quantity: Decimal?
        /// ACK03 unit of measure.
        public var unit: String?
        /// ACK04 date qualifier, e.g. `068` current schedule ship.
        public var dateQualifier: String?
        /// ACK05 date, CCYYMMDD.
        public var date: String?

        /// Creates a line acknowledgment.
        public init(status: String, quantity: Decimal? = nil, unit: String? = nil, dateQualifier: String? = nil,
                    date: String? = nil) {
            self.status = status
            self.quantity = quantity
            self.unit = unit
            self.dateQualifier = dateQualifier
            self.date = date
        }
    }

    /// One PO1 echo with its acknowledgments.
    public struct Line: Sendable, Hashable {
        /// PO101 line id as the 850 sent it.
        public var lineID: String
        /// PO102 quantity ordered.
        public var quantity: Decimal
        /// PO103 unit of measure.
        public var unit: String
        /// PO104 unit price.
        public var unitPrice: Decimal?
        /// PO105 basis of unit price.
        public var priceBasis: String?
        /// Qualifier/id pairs from PO106 on.
        public var productIdentifiers: [X12ProductIdentifier]
        /// PID*F description.
        public var description: String?
        /// The ACK segments, in order.
        public var acknowledgments: [LineAcknowledgment]

        /// Creates a line.
        public init(
            lineID: String, quantity: Decimal, unit: String, unitPrice: Decimal? = nil, priceBasis: String? = nil,
            productIdentifiers: [X12ProductIdentifier] = [], description: String? = nil,
            acknowledgments: [LineAcknowledgment] = []
        ) {
            self.lineID = lineID
            self.quantity = quantity
            self.unit = unit
            self.unitPrice = unitPrice
            self.priceBasis = priceBasis
            self.productIdentifiers = productIdentifiers
            self.description = description
            self.acknowledgments = acknowledgments
        }
    }

    /// BAK01 purpose, e.g. `00` original.
    public var purpose: String
    /// BAK02 acknowledgment type: `AD` accepted without change, `AC` accepted with changes, `RJ` rejected.
    public var acknowledgmentType: String
    /// BAK03 the partner's purchase order number.
    public var purchaseOrderNumber: String
    /// BAK04 purchase order date, CCYYMMDD.
    public var purchaseOrderDate: String
    /// BAK08 seller's order number.
    public var sellerOrderNumber: String?
    /// BAK09 acknowledgment date, CCYYMMDD.
    public var acknowledgmentDate: String?
    /// CUR02 currency code.
    public var currency: String?
    /// REF segments of the header.
    public var references: [X12Reference]
    /// N1 loops of the header.
    public var parties: [X12Party]
    /// PO1 lines with their ACKs.
    public var lines: [Line]

    /// Creates an acknowledgment to build.
    public init(
        purpose: String = "00", acknowledgmentType: String, purchaseOrderNumber: String, purchaseOrderDate: String,
        sellerOrderNumber: String? = nil, acknowledgmentDate: String? = nil, currency: String? = nil,
        references: [X12Reference] = [], parties: [X12Party] = [], lines: [Line]
    ) {
        self.purpose = purpose
        self.acknowledgmentType = acknowledgmentType
        self.purchaseOrderNumber = purchaseOrderNumber
        self.purchaseOrderDate = purchaseOrderDate
        self.sellerOrderNumber = sellerOrderNumber
        self.acknowledgmentDate = acknowledgmentDate
        self.currency = currency
        self.references = references
        self.parties = parties
        self.lines = lines
    }

    /// Reads an 855; CTT01, when sent, must equal the number of PO1 lines.
    public init(_ set: X12TransactionSet) throws(X12DocumentError) {
        guard set.identifier == "855" else { throw .wrongTransactionSet(expected: "855", found: set.identifier) }
        var header: X12Segment?
        var heading = X12HeadingReader()
        var lines: [Line] = []
        var summary: X12Segment?
        for segment in set.body {
            if try heading.read(segment, inDetail: !lines.isEmpty) { continue }
            switch segment.id {
            case "BAK":
                header = segment
            case "PO1":
                lines.append(Line(
                    lineID: segment[1],
                    quantity: try X12DocumentError.decimal(segment, 2, required: true) ?? 0,
                    unit: try X12DocumentError.required(segment, 3),
                    unitPrice: try X12DocumentError.decimal(segment, 4, required: false),
                    priceBasis: X12DocumentError.optional(segment, 5),
                    productIdentifiers: try X12ProductIdentifier.pairs(in: segment, from: 6)))
            case "PID":
                if let last = lines.indices.last, lines[last].description == nil {
                    lines[last].description = X12DocumentError.optional(segment, 5)
                }
            case "ACK":
                guard let last = lines.indices.last else {
                    throw .unexpectedSegment(segment, reason: "ACK at position \(segment.position) has no PO1 before it")
                }
                lines[last].acknowledgments.append(LineAcknowledgment(
                    status: try X12DocumentError.required(segment, 1),
                    quantity: try X12DocumentError.decimal(segment, 2, required: false),
                    unit: X12DocumentError.optional(segment, 3),
                    dateQualifier: X12DocumentError.optional(segment, 4),
                    date: try X12Date.checked(segment, 5, required: false)))
            case "CTT":
                summary = segment
            default:
                break
            }
        }
        guard let header else { throw .missingSegment("BAK", in: "855") }
        purpose = try X12DocumentError.required(header, 1)
        acknowledgmentType = try X12DocumentError.required(header, 2)
        purchaseOrderNumber = try X12DocumentError.required(header, 3)
        purchaseOrderDate = try X12Date.checked(header, 4, required: true) ?? ""
        sellerOrderNumber = X12DocumentError.optional(header, 8)
        acknowledgmentDate = try X12Date.checked(header, 9, required: false)
        self.currency = heading.currency
        self.references = heading.references
        self.parties = heading.parties
        self.lines = lines
        if let summary, let count = try X12DocumentError.integer(summary, 1, required: true), count != lines.count {
            throw .totalMismatch(summary, element: 1, "CTT01 says \(count) line items but the 855 has \(lines.count) PO1 lines")
        }
    }

    /// The body between ST and SE: BAK, CUR, REF, N1 loops, per line PO1 / PID / ACK, then CTT (line count and
    /// quantity hash).
    public func segments() -> [X12Segment] {
        var result = [X12Segment(
            id: "BAK",
            elements: [purpose, acknowledgmentType, purchaseOrderNumber, purchaseOrderDate, "", "", "",
                       sellerOrderNumber ?? "", acknowledgmentDate ?? ""])]
        if let currency { result.append(X12Segment("CUR", "SE", currency)) }
        result += references.map(\.segment)
        result += parties.flatMap { $0.segments() }
        for line in lines {
            result.append(X12Segment(
                id: "PO1",
                elements: [line.lineID, X12Number.text(line.quantity), line.unit,
                           line.unitPrice.map(X12Number.text) ?? "", line.priceBasis ?? ""]
                    + line.productIdentifiers.elements))
            if let description = line.description { result.append(X12Segment("PID", "F", "", "", "", description)) }
            for acknowledgment in line.acknowledgments {
                result.append(X12Segment(
                    id: "ACK",
                    elements: [acknowledgment.status, acknowledgment.quantity.map(X12Number.text) ?? "",
                               acknowledgment.unit ?? "", acknowledgment.dateQualifier ?? "", acknowledgment.date ?? ""]))
            }
        }
        let hash = lines.reduce(Decimal(0)) { $0 + $1.quantity }
        result.append(X12Segment("CTT", String(lines.count), X12Number.text(hash)))
        return result
    }
}
