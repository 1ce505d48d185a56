import Foundation

/// The body of `PUT /v1/stock/snapshots/{warehouse}`: a full count of one warehouse.
///
/// ```json
/// {"countID": "CC-2027-03-01-MUC", "countedAt": "2027-03-01T06:00:00Z",
///  "counts": [{"sku": "BOLT-M8", "quantity": 498}, {"sku": "NUT-M8", "quantity": 0}]}
/// ```
/// A full count: a SKU on record in the warehouse but missing from `counts` was counted as zero. `countID`
/// (optional) makes a resend idempotent: the same id for the same warehouse and time answers the first report;
/// for another warehouse or time it is a 409.
public struct SnapshotDocument: Codable, Sendable {
    public struct Count: Codable, Sendable {
        public var sku: String
        public var quantity: Int
    }

    public var countID: String?
    public var countedAt: Date
    public var counts: [Count]
}
