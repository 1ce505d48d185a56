import Foundation

/// `inventory.reconciliation.completed.v1`: a warehouse count was compared with the computed positions and the
/// positions corrected; carries the "inventory discrepancy rate" KPI.
public struct ReconciliationCompleted: EventPayload, Hashable {
    public static let eventType: EventType = "inventory.reconciliation.completed.v1"

    public var reconciliationID: String
    public var warehouse: String
    public var countedAt: Date
    /// Positions compared (SKUs counted, plus SKUs on record the count did not list, counted as zero).
    public var positionsCompared: Int
    /// Positions whose count differed from the record.
    public var discrepancies: Int
    /// `discrepancies / positionsCompared`, a decimal string with four places, e.g. `"0.0250"` (2.5 %).
    public var discrepancyRate: String
    /// Sum of |counted − expected| over all positions.
    public var unitsDifferent: Int

    public init(reconciliationID: String, warehouse: String, countedAt: Date, positionsCompared: Int, discrepancies: Int, discrepancyRate: String, unitsDifferent: Int) {
        self.reconciliationID = reconciliationID
        self.warehouse = warehouse
        self.countedAt = countedAt
        self.positionsCompared = positionsCompared
        self.discrepancies = discrepancies
        self.discrepancyRate = discrepancyRate
        self.unitsDifferent = unitsDifferent
    }
}
