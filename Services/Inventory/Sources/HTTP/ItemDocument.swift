/// The body of `PUT /v1/items/{sku}`: an item stock can be kept of (movements and orders for other SKUs are refused).
public struct ItemDocument: Codable, Sendable {
    public var description: String?
}
