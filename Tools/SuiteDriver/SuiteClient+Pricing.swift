import Foundation

extension SuiteClient {
    /// Imports (creates or replaces) price list `id`: `PUT /v1/price-lists/{id}`. The list is in force for orders as
    /// soon as this returns.
    public func putPriceList(id: String, _ list: PriceListRequest) async throws(SuiteClientError) -> PriceImportReceipt {
        let answer = try await send("PUT", endpoints.pricing, "/v1/price-lists/\(Self.segment(id))", json: list)
        return try decode(PriceImportReceipt.self, from: try expect(answer, [200]))
    }
}
