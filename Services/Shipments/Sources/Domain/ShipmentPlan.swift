/// One shipment to create: a warehouse and the order lines' units it ships.
public struct ShipmentPlan: Sendable, Hashable {
    public var warehouse: String
    public var lines: [ShipmentLineState]

    public init(warehouse: String, lines: [ShipmentLineState]) {
        self.warehouse = warehouse
        self.lines = lines
    }
}
