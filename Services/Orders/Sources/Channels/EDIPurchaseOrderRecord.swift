import Foundation

/// What Wholesail keeps of a partner's 850 for the documents that answer it: the 855, 856 and 810 echo the
/// partner's own line ids, units, prices and product ids, not Wholesail's canonical ones.
struct EDIPurchaseOrderRecord: Codable, Sendable, Hashable {
    struct ProductID: Codable, Sendable, Hashable {
        var qualifier: String
        var id: String
    }

    struct Line: Codable, Sendable, Hashable {
        /// The canonical order's line number (1-based position).
        var lineNumber: Int
        /// PO101, echoed as the line id.
        var lineID: String
        /// PO102 in the partner's unit of measure.
        var quantity: Decimal
        /// PO103.
        var unit: String
        /// Units of the canonical order per partner unit (`unitsOfMeasure`).
        var unitsPerUOM: Int
        /// PO104, in the order's currency.
        var unitPrice: Decimal?
        var productIDs: [ProductID]
        /// The ERP SKU the line was mapped to.
        var sku: String
    }

    /// BEG03.
    var purchaseOrderNumber: String
    /// BEG05, CCYYMMDD.
    var purchaseOrderDate: String
    var currency: String
    var lines: [Line]
}
