/// `GET /v1/shipments?order=…`: an order's shipments, oldest first.
struct ShipmentList: Codable, Sendable, Hashable {
    var orderID: String
    var shipments: [ShipmentDocument]
}
