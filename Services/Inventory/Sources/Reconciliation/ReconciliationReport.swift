import Foundation

/// What a count found: `GET /v1/reconciliations/{id}` and the answer to the snapshot import.
public struct ReconciliationReport: Codable, Sendable, Hashable {
    public struct Discrepancy: Codable, Sendable, Hashable {
        public var sku: String
        public var warehouse: String
        /// On hand as computed from the ledger before the count.
        public var expected: Int
        public var counted: Int
        /// `counted − expected`; the correction booked to the ledger.
        public var delta: Int
    }

    public var id: String
    public var countID: String?
    public var warehouse: String
    public var countedAt: Date
    public var positionsCompared: Int
    public var discrepancies: [Discrepancy]
    /// `discrepancies / positionsCompared`, four decimal places.
    public var discrepancyRate: String
    public var unitsDifferent: Int

    /// The rate as a decimal string with four places, computed in integers (no floating point).
    static func rate(discrepancies: Int, compared: Int) -> String {
        guard compared > 0 else { return "0.0000" }
        // Ten-thousandths, rounded half-even.
        let scaled = discrepancies * 10_000
        var quotient = scaled / compared
        let remainder = scaled % compared
        if remainder * 2 > compared || (remainder * 2 == compared && quotient % 2 == 1) { quotient += 1 }
        return "\(quotient / 10_000).\(String(repeating: "0", count: 4 - String(quotient % 10_000).count))\(quotient % 10_000)"
    }
}
