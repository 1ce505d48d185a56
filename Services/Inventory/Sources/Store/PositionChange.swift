/// A change to one position, as the ledger records it.
public struct PositionChange: Sendable, Hashable {
    public var sku: String
    public var warehouse: String
    public var onHandDelta: Int
    public var reservedDelta: Int
    /// `receipt`, `adjustment`, `transfer-in`, `transfer-out`, `count`, `reservation`, `release`, `issue`, …
    public var kind: String
    public var movementID: String?
    public var reference: String?

    public init(sku: String, warehouse: String, onHandDelta: Int, reservedDelta: Int, kind: String, movementID: String? = nil, reference: String? = nil) {
        self.sku = sku
        self.warehouse = warehouse
        self.onHandDelta = onHandDelta
        self.reservedDelta = reservedDelta
        self.kind = kind
        self.movementID = movementID
        self.reference = reference
    }
}
