import Contracts
import Foundation

extension SuiteClient {
    /// An order's shipments, oldest first (empty until the order is confirmed and shipments heard of it):
    /// `GET /v1/shipments?order=`.
    public func shipments(orderID: String) async throws(SuiteClientError) -> [ShipmentDocument] {
        struct List: Decodable { var shipments: [ShipmentDocument] }
        let answer = try await send("GET", endpoints.shipments, "/v1/shipments", query: [URLQueryItem(name: "order", value: orderID)])
        return try decode(List.self, from: try expect(answer, [200])).shipments
    }

    /// One shipment with its history: `GET /v1/shipments/{id}`.
    public func shipment(id: String) async throws(SuiteClientError) -> ShipmentDocument {
        let answer = try await send("GET", endpoints.shipments, "/v1/shipments/\(Self.segment(id))")
        return try decode(ShipmentDocument.self, from: try expect(answer, [200]))
    }

    /// Reports a milestone (a dispatch publishes `shipments.shipment.dispatched.v1`): `POST /v1/shipments/{id}/events`.
    @discardableResult
    public func postMilestone(shipmentID: String, _ milestone: MilestoneReport) async throws(SuiteClientError) -> MilestoneResult {
        let answer = try await send("POST", endpoints.shipments, "/v1/shipments/\(Self.segment(shipmentID))/events", json: milestone)
        return try decode(MilestoneResult.self, from: try expect(answer, [200, 201]))
    }

    /// Records returned goods against an authorized RMA (404 until shipments heard of the RMA):
    /// `POST /v1/returns/{rma}/receipts`. Answers the published `shipments.return.received.v1` payload.
    @discardableResult
    public func postReturnReceipt(rma: String, _ receipt: ReturnReceiptReport) async throws(SuiteClientError) -> ReturnReceived {
        let answer = try await send("POST", endpoints.shipments, "/v1/returns/\(Self.segment(rma))/receipts", json: receipt)
        return try decode(ReturnReceived.self, from: try expect(answer, [200, 201]))
    }
}
