import Foundation

/// An 850 purchase order as a trading partner sends it: header (BEG, CUR, REF, DTM), parties (N1 loops), lines
/// (PO1 with PID and DTM) and the summary (CTT, AMT), with the summary checked against the lines.
public struct PurchaseOrder850: Sendable, Hashable {
    /// One PO1 line.
    public struct Line: Sendable, Hashable {
        /// PO101 assigned line id (may be empty).
        public var lineID: String
        /// PO102 quantity ordered.
        public var quantity: Decimal
        /// PO103 unit of measure, e.g. `EA`, `CA`.
        public var unit: String
        /// PO104 unit price, when given.
        public var unitPrice: Decimal?
        /// PO105 basis of unit price, e.g. `PE` price per each, `TE` contract.
        public var priceBasis: String?
        /// Qualifier/id pairs from PO106 on, in the order sent.
        public var productIdentifiers: [X12ProductIdentifier]
        /// PID*F free-form description (PID05) of the first PID, when given.
        public var description: String?
        /// DTM segments of the line.
        public var dates: [X12DateTimeReference]
        /// N1 loops inside the line (line-level ship-to).
        public var parties: [X12Party]

        /// Creates a line.
        public init(
            lineID: String, quantity: Decimal, unit: String, unitPrice: Decimal? = nil, priceBasis: String? = nil,
            productIdentifiers: [X12ProductIdentifier] = [], description: String? = nil,
            dates: [X12DateTimeReference] = [], parties: [X12Party] = []
        ) {
            self.lineID = lineID
            self.quantity = quantity
            self.unit = unit
            self.unitPrice = unitPrice
            self.priceBasis = priceBasis
            self.productIdentifiers = productIdentifiers
            self.description = description
            self.dates = dates
            self.parties = parties
        }

        /// Quantity times unit price, when priced.
        public var extendedAmount: Decimal? {
            unitPrice.map { $0 * quantity }
        }
    }

    /// BEG01 purpose, e.g. `00` original, `05` replace.
    public var purpose: String
    /// BEG02 type, e.g. `SA` stand-alone, `NE` new order.
    public var orderType: String
    /// BEG03, the partner's purchase order number.
    public var purchaseOrderNumber: String
    /// BEG04 release number.
    public var releaseNumber: String?
    /// BEG05 order date, CCYYMMDD.
    public var date: String
    /// CUR02 currency code, when given.
    public var currency: String?
    /// REF segments of the header.
    public var references: [X12Reference]
    /// DTM segments of the header (`002` requested delivery...).
    public var dates: [X12DateTimeReference]
    /// N1 loops of the header.
    public var parties: [X12Party]
    /// PO1 lines in order.
    public var lines: [Line]
    /// CTT01 number of line items, when sent (checked against the PO1 count).
    public var declaredLineCount: Int?
    /// CTT02 hash total of quantities, when sent (checked against the sum of PO102).
    public var quantityHash: Decimal?
    /// AMT*TT (or summary AMT*1) total amount, when sent (checked against the sum of quantity × price).
    public var totalAmount: Decimal?

    /// DTM*002, the requested delivery date.
    public var requestedDeliveryDate: String? {
        dates.date(for: "002")
    }

    /// Reads an 850 and, unless `checkingTotals` is false, checks CTT01, CTT02 and the AMT total; a mismatch is thrown
    /// naming CTT or AMT so the set can be rejected in the 997.
    public init(_ set: X12TransactionSet, checkingTotals: Bool = true) throws(X12DocumentError) {
        guard set.identifier == "850" else { throw .wrongTransactionSet(expected: "850", found: set.identifier) }
        var beginning: X12Segment?
        var currency: String?
        var references: [X12Reference] = []
        var dates: [X12DateTimeReference] = []
        var parties: [X12Party] = []
        var lines: [Line] = []
        var inPartyLoop = false
        var summary: X12Segment?
        var amount: X12Segment?
        var pastSummary = false

        for segment in set.body {
            if inPartyLoop, X12Party.continues(segment) {
                if !lines.isEmpty {
                    let last = lines.count - 1
                    if let index = lines[last].parties.indices.last, lines[last].parties[index].apply(segment) { continue }
                } else if let index = parties.indices.last, parties[index].apply(segment) {
                    continue
                }
                if segment.id == "REF" || segment.id == "PER" { continue }
            }
            inPartyLoop = false
            switch segment.id {
            case "BEG":
                beginning = segment
            case "CUR":
                currency = X12DocumentError.optional(segment, 2)
            case "REF":
                if lines.isEmpty { references.append(try X12Reference(segment)) }
            case "DTM":
                let date = try X12DateTimeReference(segment)
                if lines.isEmpty { dates.append(date) } else { lines[lines.count - 1].dates.append(date) }
            case "N1":
                let party = try X12Party.start(segment)
                if lines.isEmpty { parties.append(party) } else { lines[lines.count - 1].parties.append(party) }
                inPartyLoop = true
            case "N2", "N3", "N4":
                throw .unexpectedSegment(segment, reason: "\(segment.id) at position \(segment.position) has no N1 before it")
            case "PO1":
                guard !pastSummary else {
                    throw .unexpectedSegment(segment, reason: "PO1 at position \(segment.position) follows the CTT summary")
                }
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
            case "CTT":
                summary = segment
                pastSummary = true
            case "AMT":
                if segment[1] == "TT" || (pastSummary && segment[1] == "1") { amount = segment }
            default:
                break
            }
        }
        guard let beginning else { throw .missingSegment("BEG", in: "850") }
        purpose = try X12DocumentError.required(beginning, 1)
        orderType = try X12DocumentError.required(beginning, 2)
        purchaseOrderNumber = try X12DocumentError.required(beginning, 3)
        releaseNumber = X12DocumentError.optional(beginning, 4)
        date = try X12Date.checked(beginning, 5, required: true) ?? ""
        self.currency = currency
        self.references = references
        self.dates = dates
        self.parties = parties
        self.lines = lines
        guard !lines.isEmpty else { throw .missingSegment("PO1", in: "850") }
        if let summary {
            declaredLineCount = try X12DocumentError.integer(summary, 1, required: true)
            quantityHash = try X12DocumentError.decimal(summary, 2, required: false)
        }
        if let amount { totalAmount = try X12DocumentError.decimal(amount, 2, required: true) }
        if checkingTotals {
            if let error = Self.totalsError(lines: lines, summary: summary, amount: amount, self) { throw error }
        }
    }

    /// The first control total that does not match the lines, or `nil`.
    private static func totalsError(lines: [Line], summary: X12Segment?, amount: X12Segment?, _ order: PurchaseOrder850)
        -> X12DocumentError? {
        if let summary, let count = order.declaredLineCount, count != lines.count {
            return .totalMismatch(summary, element: 1, "CTT01 says \(count) line items but the order has \(lines.count) PO1 lines")
        }
        if let summary, let hash = order.quantityHash {
            let sum = lines.reduce(Decimal(0)) { $0 + $1.quantity }
            if sum != hash {
                return .totalMismatch(summary, element: 2, "CTT02 quantity hash \(hash) does not match the PO102 sum \(sum)")
            }
        }
        if let amount, let total = order.totalAmount, lines.allSatisfy({ $0.unitPrice != nil }) {
            let sum = lines.reduce(Decimal(0)) { $0 + ($1.extendedAmount ?? 0) }
            if sum != total {
                return .totalMismatch(
                    amount, element: 2, "AMT\(amount[1]) total \(total) does not match the sum of quantity × unit price \(sum)")
            }
        }
        return nil
    }
}
