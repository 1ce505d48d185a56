import Foundation

/// An 810 invoice: header (BIG, CUR, REF, N1 loops, ITD terms), IT1 lines, taxes (TXI), allowances and charges
/// (SAC) and the total (TDS01, `N2` implied decimals).
public struct Invoice810: Sendable, Hashable {
    /// One TXI segment.
    public struct Tax: Sendable, Hashable {
        /// TXI01 tax type, e.g. `ST` state sales tax, `TX` all taxes, `VA` VAT.
        public var type: String
        /// TXI02 amount (`R`).
        public var amount: Decimal?
        /// TXI03 percent (`R`).
        public var percent: Decimal?

        /// Creates a tax.
        public init(type: String, amount: Decimal? = nil, percent: Decimal? = nil) {
            self.type = type
            self.amount = amount
            self.percent = percent
        }

        var segment: X12Segment {
            X12Segment(id: "TXI", elements: [type, amount.map(X12Number.text) ?? "", percent.map(X12Number.text) ?? ""])
        }
    }

    /// One SAC segment: an allowance or a charge.
    public struct AllowanceOrCharge: Sendable, Hashable {
        /// SAC01: `A` allowance, `C` charge, `N` no allowance or charge.
        public var indicator: String
        /// SAC02 code, e.g. `D240` freight, `C310` discount.
        public var code: String?
        /// SAC05 amount (`N2`).
        public var amount: Decimal?
        /// SAC15 description.
        public var description: String?

        /// Creates an allowance or charge.
        public init(indicator: String, code: String? = nil, amount: Decimal? = nil, description: String? = nil) {
            self.indicator = indicator
            self.code = code
            self.amount = amount
            self.description = description
        }

        func segment() throws(ImpliedDecimalError) -> X12Segment {
            let amountText = try amount.map { value throws(ImpliedDecimalError) in
                try ImpliedDecimal(value, precision: .n2).text
            } ?? ""
            return X12Segment(
                id: "SAC",
                elements: [indicator, code ?? "", "", "", amountText, "", "", "", "", "", "", "", "", "",
                           description ?? ""])
        }
    }

    /// The ITD terms of sale.
    public struct Terms: Sendable, Hashable {
        /// ITD01 terms type, e.g. `01` basic, `14` previously agreed.
        public var type: String?
        /// ITD02 terms basis date code, e.g. `3` invoice date.
        public var basisDateCode: String?
        /// ITD03 discount percent.
        public var discountPercent: Decimal?
        /// ITD04 discount due date, CCYYMMDD.
        public var discountDueDate: String?
        /// ITD05 discount days.
        public var discountDays: Int?
        /// ITD06 net due date, CCYYMMDD.
        public var netDueDate: String?
        /// ITD07 net days.
        public var netDays: Int?
        /// ITD12 description, e.g. `1/15 NET 30`.
        public var description: String?

        /// Creates terms.
        public init(
            type: String? = nil, basisDateCode: String? = nil, discountPercent: Decimal? = nil,
            discountDueDate: String? = nil, discountDays: Int? = nil, netDueDate: String? = nil, netDays: Int? = nil,
            description: String? = nil
        ) {
            self.type = type
            self.basisDateCode = basisDateCode
            self.discountPercent = discountPercent
            self.discountDueDate = discountDueDate
            self.discountDays = discountDays
            self.netDueDate = netDueDate
            self.netDays = netDays
            self.description = description
        }
    }

    /// One IT1 line.
    public struct Line: Sendable, Hashable {
        /// IT101 line id (may be empty).
        public var lineID: String
        /// IT102 quantity invoiced.
        public var quantity: Decimal
        /// IT103 unit of measure.
        public var unit: String
        /// IT104 unit price (`R`).
        public var unitPrice: Decimal
        /// IT105 basis of unit price.
        public var priceBasis: String?
        /// Qualifier/id pairs from IT106 on.
        public var productIdentifiers: [X12ProductIdentifier]
        /// PID*F description.
        public var description: String?
        /// TXI segments of the line.
        public var taxes: [Tax]
        /// SAC segments of the line.
        public var allowancesAndCharges: [AllowanceOrCharge]

        /// Creates a line.
        public init(
            lineID: String, quantity: Decimal, unit: String, unitPrice: Decimal, priceBasis: String? = nil,
            productIdentifiers: [X12ProductIdentifier] = [], description: String? = nil, taxes: [Tax] = [],
            allowancesAndCharges: [AllowanceOrCharge] = []
        ) {
            self.lineID = lineID
            self.quantity = quantity
            self.unit = unit
            self.unitPrice = unitPrice
            self.priceBasis = priceBasis
            self.productIdentifiers = productIdentifiers
            self.description = description
            self.taxes = taxes
            self.allowancesAndCharges = allowancesAndCharges
        }

        /// Quantity times unit price.
        public var extendedAmount: Decimal { quantity * unitPrice }
    }

    /// BIG01 invoice date, CCYYMMDD.
    public var invoiceDate: String
    /// BIG02 invoice number.
    public var invoiceNumber: String
    /// BIG03 purchase order date, CCYYMMDD.
    public var purchaseOrderDate: String?
    /// BIG04 the partner's purchase order number.
    public var purchaseOrderNumber: String?
    /// CUR02 currency code.
    public var currency: String?
    /// REF segments of the header.
    public var references: [X12Reference]
    /// N1 loops: `ST`, `BT`, `RE` remit-to, `SU` supplier...
    public var parties: [X12Party]
    /// ITD terms, when given.
    public var terms: Terms?
    /// IT1 lines.
    public var lines: [Line]
    /// Invoice-level TXI segments.
    public var taxes: [Tax]
    /// Invoice-level SAC segments.
    public var allowancesAndCharges: [AllowanceOrCharge]
    /// TDS01 total invoice amount (`N2` on the wire: `255438` = 2554.38).
    public var totalAmount: Decimal

    /// Creates an invoice to build.
    public init(
        invoiceDate: String, invoiceNumber: String, purchaseOrderDate: String? = nil,
        purchaseOrderNumber: String? = nil, currency: String? = nil, references: [X12Reference] = [],
        parties: [X12Party] = [], terms: Terms? = nil, lines: [Line], taxes: [Tax] = [],
        allowancesAndCharges: [AllowanceOrCharge] = [], totalAmount: Decimal
    ) {
        self.invoiceDate = invoiceDate
        self.invoiceNumber = invoiceNumber
        self.purchaseOrderDate = purchaseOrderDate
        self.purchaseOrderNumber = purchaseOrderNumber
        self.currency = currency
        self.references = references
        self.parties = parties
        self.terms = terms
        self.lines = lines
        self.taxes = taxes
        self.allowancesAndCharges = allowancesAndCharges
        self.totalAmount = totalAmount
    }

    /// Reads an 810; CTT01, when sent, must equal the number of IT1 lines. The TDS total is read as sent (partners'
    /// totals include charges and taxes this reader does not recompute).
    public init(_ set: X12TransactionSet) throws(X12DocumentError) {
        guard set.identifier == "810" else { throw .wrongTransactionSet(expected: "810", found: set.identifier) }
        var header: X12Segment?
        var heading = X12HeadingReader()
        var terms: Terms?
        var lines: [Line] = []
        var taxes: [Tax] = []
        var charges: [AllowanceOrCharge] = []
        var total: X12Segment?
        var summary: X12Segment?
        for segment in set.body {
            if try heading.read(segment, inDetail: !lines.isEmpty) { continue }
            let inLine = !lines.isEmpty && total == nil
            switch segment.id {
            case "BIG":
                header = segment
            case "ITD":
                terms = Terms(
                    type: X12DocumentError.optional(segment, 1), basisDateCode: X12DocumentError.optional(segment, 2),
                    discountPercent: try X12DocumentError.decimal(segment, 3, required: false),
                    discountDueDate: try X12Date.checked(segment, 4, required: false),
                    discountDays: try X12DocumentError.integer(segment, 5, required: false),
                    netDueDate: try X12Date.checked(segment, 6, required: false),
                    netDays: try X12DocumentError.integer(segment, 7, required: false),
                    description: X12DocumentError.optional(segment, 12))
            case "IT1":
                lines.append(Line(
                    lineID: segment[1],
                    quantity: try X12DocumentError.decimal(segment, 2, required: true) ?? 0,
                    unit: try X12DocumentError.required(segment, 3),
                    unitPrice: try X12DocumentError.decimal(segment, 4, required: true) ?? 0,
                    priceBasis: X12DocumentError.optional(segment, 5),
                    productIdentifiers: try X12ProductIdentifier.pairs(in: segment, from: 6)))
            case "PID":
                if inLine, let last = lines.indices.last, lines[last].description == nil {
                    lines[last].description = X12DocumentError.optional(segment, 5)
                }
            case "TXI":
                let tax = Tax(
                    type: try X12DocumentError.required(segment, 1),
                    amount: try X12DocumentError.decimal(segment, 2, required: false),
                    percent: try X12DocumentError.decimal(segment, 3, required: false))
                if inLine { lines[lines.count - 1].taxes.append(tax) } else { taxes.append(tax) }
            case "SAC":
                let charge = AllowanceOrCharge(
                    indicator: try X12DocumentError.required(segment, 1), code: X12DocumentError.optional(segment, 2),
                    amount: try X12DocumentError.implied(segment, 5, precision: .n2, required: false),
                    description: X12DocumentError.optional(segment, 15))
                if inLine { lines[lines.count - 1].allowancesAndCharges.append(charge) } else { charges.append(charge) }
            case "TDS":
                total = segment
            case "CTT":
                summary = segment
            default:
                break
            }
        }
        guard let header else { throw .missingSegment("BIG", in: "810") }
        guard let total else { throw .missingSegment("TDS", in: "810") }
        invoiceDate = try X12Date.checked(header, 1, required: true) ?? ""
        invoiceNumber = try X12DocumentError.required(header, 2)
        purchaseOrderDate = try X12Date.checked(header, 3, required: false)
        purchaseOrderNumber = X12DocumentError.optional(header, 4)
        totalAmount = try X12DocumentError.implied(total, 1, precision: .n2, required: true) ?? 0
        self.currency = heading.currency
        self.references = heading.references
        self.parties = heading.parties
        self.terms = terms
        self.lines = lines
        self.taxes = taxes
        self.allowancesAndCharges = charges
        if let summary, let count = try X12DocumentError.integer(summary, 1, required: true), count != lines.count {
            throw .totalMismatch(summary, element: 1, "CTT01 says \(count) line items but the 810 has \(lines.count) IT1 lines")
        }
    }

    /// The body between ST and SE: BIG, CUR, REF, N1 loops, ITD, per line IT1 / PID / TXI / SAC, then TDS (`N2`),
    /// invoice TXI and SAC, CTT. Throws when an amount written as `N2` has more than two decimals.
    public func segments() throws(ImpliedDecimalError) -> [X12Segment] {
        var result = [X12Segment(
            id: "BIG", elements: [invoiceDate, invoiceNumber, purchaseOrderDate ?? "", purchaseOrderNumber ?? ""])]
        if let currency { result.append(X12Segment("CUR", "SE", currency)) }
        result += references.map(\.segment)
        result += parties.flatMap { $0.segments() }
        if let terms {
            result.append(X12Segment(
                id: "ITD",
                elements: [terms.type ?? "", terms.basisDateCode ?? "", terms.discountPercent.map(X12Number.text) ?? "",
                           terms.discountDueDate ?? "", terms.discountDays.map(String.init) ?? "",
                           terms.netDueDate ?? "", terms.netDays.map(String.init) ?? "", "", "", "", "",
                           terms.description ?? ""]))
        }
        for line in lines {
            result.append(X12Segment(
                id: "IT1",
                elements: [line.lineID, X12Number.text(line.quantity), line.unit, X12Number.text(line.unitPrice),
                           line.priceBasis ?? ""] + line.productIdentifiers.elements))
            if let description = line.description { result.append(X12Segment("PID", "F", "", "", "", description)) }
            result += line.taxes.map(\.segment)
            for charge in line.allowancesAndCharges { result.append(try charge.segment()) }
        }
        result.append(X12Segment("TDS", try ImpliedDecimal(totalAmount, precision: .n2).text))
        result += taxes.map(\.segment)
        for charge in allowancesAndCharges { result.append(try charge.segment()) }
        result.append(X12Segment("CTT", String(lines.count)))
        return result
    }
}
