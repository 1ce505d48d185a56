import Foundation

extension SuiteClient {
    /// Creates or replaces a warehouse: `PUT /v1/warehouses/{id}`.
    public func putWarehouse(id: String, _ warehouse: WarehouseRequest) async throws(SuiteClientError) {
        _ = try expect(try await send("PUT", endpoints.inventory, "/v1/warehouses/\(Self.segment(id))", json: warehouse), [200, 204])
    }

    /// Makes a SKU known to inventory (orders for unknown SKUs are refused): `PUT /v1/items/{sku}`.
    public func putItem(sku: String, description: String? = nil) async throws(SuiteClientError) {
        struct Item: Encodable { var description: String? }
        _ = try expect(try await send("PUT", endpoints.inventory, "/v1/items/\(Self.segment(sku))", json: Item(description: description)), [200, 204])
    }

    /// Records a movement (201 the first time, 200 with the first answer for a repeat): `POST /v1/stock/movements`.
    @discardableResult
    public func recordMovement(_ movement: StockMovementRequest) async throws(SuiteClientError) -> StockMovementRecord {
        let answer = try await send("POST", endpoints.inventory, "/v1/stock/movements", json: movement)
        return try decode(StockMovementRecord.self, from: try expect(answer, [200, 201]))
    }

    /// The SKU's positions in every warehouse, by warehouse id: `GET /v1/positions?sku=`.
    public func positions(sku: String) async throws(SuiteClientError) -> [StockPosition] {
        let answer = try await send("GET", endpoints.inventory, "/v1/positions", query: [URLQueryItem(name: "sku", value: sku)])
        return try decode([StockPosition].self, from: try expect(answer, [200]))
    }

    /// Available-to-promise per warehouse: `GET /v1/availability`.
    /// - Parameter shipTo: `DE` or `DE-20457`, ranking the warehouses by nearness.
    public func availability(sku: String, quantity: Int? = nil, shipTo: String? = nil) async throws(SuiteClientError) -> StockAvailability {
        var query = [URLQueryItem(name: "sku", value: sku)]
        if let quantity { query.append(URLQueryItem(name: "quantity", value: String(quantity))) }
        if let shipTo { query.append(URLQueryItem(name: "shipTo", value: shipTo)) }
        let answer = try await send("GET", endpoints.inventory, "/v1/availability", query: query)
        return try decode(StockAvailability.self, from: try expect(answer, [200]))
    }
}
