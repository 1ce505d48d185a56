/// Available-to-promise of one SKU per warehouse (`GET /v1/availability`), nearest to the ship-to first.
public struct StockAvailability: Codable, Sendable, Hashable {
    public struct Warehouse: Codable, Sendable, Hashable {
        public var warehouse: String
        public var availableNow: Int
        public var availableByDate: Int
        /// Only when a quantity was asked for.
        public var canFill: Bool?
    }

    public var sku: String
    public var quantity: Int?
    public var date: String?
    public var warehouses: [Warehouse]
    public var totalNow: Int
    public var totalByDate: Int
}
