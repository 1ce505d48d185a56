/// The body of `PUT /v1/stock/inbound/{id}`: supply on its way (a purchase order or transfer line) that
/// available-to-promise counts from its expected date, and goes on counting (overdue) until
/// `DELETE /v1/stock/inbound/{id}` closes it — when its receipt is booked, or the order is cancelled.
///
/// ```json
/// {"warehouse": "MUC", "sku": "BOLT-M8", "quantity": 1000, "expectedDate": "2027-03-15"}
/// ```
public struct InboundDocument: Codable, Sendable {
    public var warehouse: String
    public var sku: String
    public var quantity: Int
    /// `YYYY-MM-DD`; the supply counts from the start of that day (UTC).
    public var expectedDate: String
}
