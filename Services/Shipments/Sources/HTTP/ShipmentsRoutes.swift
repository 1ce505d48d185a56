import Hummingbird
import Persistence
import ServiceKit

/// The shipments HTTP API (`Services/Shipments/openapi.yaml`): milestones from warehouses and carriers, shipment
/// queries, return receipts; webhook subscriptions and deliveries are ``WebhookRoutes``.
public struct ShipmentsRoutes: Sendable {
    public let store: ShipmentsStore
    public let pool: PostgresPool

    public init(store: ShipmentsStore, pool: PostgresPool) {
        self.store = store
        self.pool = pool
    }

    public func register(on router: ServiceRouter) {
        let recorder = MilestoneRecorder(store: store, pool: pool)
        let queries = ShipmentQueries(store: store, pool: pool)
        let receipts = ReturnReceipts(store: store, pool: pool)

        router.post("/v1/shipments/:id/events") { request, context in
            let shipmentID = try context.parameters.require("id")
            let body = try await StableJSONRequestDecoder.jsonBody(of: request, context: context)
            return try await recorder.record(shipmentID: shipmentID, body: body)
        }
        router.get("/v1/shipments/:id") { _, context in
            let shipmentID = try context.parameters.require("id")
            return try StableJSONResponseEncoder.response(try await queries.document(shipmentID: shipmentID), status: .ok)
        }
        router.get("/v1/shipments") { request, _ in
            var parameters: [String: String] = [:]
            for (name, value) in request.uri.queryParameters { parameters[String(name)] = String(value) }
            return try StableJSONResponseEncoder.response(try await queries.list(parameters: parameters), status: .ok)
        }
        router.post("/v1/returns/:rma/receipts") { request, context in
            let rma = try context.parameters.require("rma")
            let body = try await StableJSONRequestDecoder.jsonBody(of: request, context: context)
            return try await receipts.receive(rma: rma, body: body)
        }
    }
}
