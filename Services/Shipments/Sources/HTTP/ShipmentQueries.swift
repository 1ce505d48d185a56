import Persistence
import ServiceKit

/// `GET /v1/shipments/{id}` and `GET /v1/shipments?order=…`, each with its milestone history.
struct ShipmentQueries: Sendable {
    let store: ShipmentsStore
    let pool: PostgresPool

    static func notFound(_ shipmentID: String) -> ProblemDetails {
        ProblemDetails(type: "urn:wholesail:problem:shipment-not-found", title: "Shipment not found", status: .notFound,
                       detail: "No shipment \(shipmentID). Shipments are created when an order is confirmed; list an order's with GET /v1/shipments?order=<order id>.")
    }

    /// The shipment and its history from one snapshot (repeatable read, read-only): never a status beside a history
    /// that does not lead to it.
    func document(shipmentID: String) async throws -> ShipmentDocument {
        try await pool.transaction(isolation: .repeatableRead) { transaction in
            guard let shipment = try await store.shipment(id: shipmentID, in: transaction) else { throw Self.notFound(shipmentID) }
            return ShipmentDocument(shipment, history: try await store.history(shipmentID: shipmentID, in: transaction))
        }
    }

    func list(parameters: [String: String]) async throws -> ShipmentList {
        let unknown = parameters.keys.filter { $0 != "order" }.sorted()
        guard unknown.isEmpty, let orderID = parameters["order"], !orderID.isEmpty else {
            var errors = unknown.map { ProblemDetails.FieldError(pointer: "?\($0)", detail: "unknown query parameter; the only one is order") }
            if parameters["order"]?.isEmpty ?? true {
                errors.append(ProblemDetails.FieldError(pointer: "?order", detail: "is required: the order whose shipments to list"))
            }
            throw ProblemDetails.validationFailed(errors, detail: "List shipments with GET /v1/shipments?order=<order id>.")
        }
        return try await pool.transaction(isolation: .repeatableRead) { transaction in
            var documents: [ShipmentDocument] = []
            for shipment in try await store.shipments(orderID: orderID, in: transaction) {
                documents.append(ShipmentDocument(shipment, history: try await store.history(shipmentID: shipment.id, in: transaction)))
            }
            return ShipmentList(orderID: orderID, shipments: documents)
        }
    }
}
