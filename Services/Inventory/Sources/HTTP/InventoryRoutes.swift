import Contracts
import Foundation
import Hummingbird
import Logging
import Persistence
import ServiceKit

/// The inventory HTTP API (`Services/Inventory/openapi.yaml`): master data and movements from the ERP/WMS,
/// available-to-promise for channels.
public struct InventoryRoutes: Sendable {
    public let store: InventoryStore
    public let pool: PostgresPool
    public let logger: Logger

    public init(store: InventoryStore, pool: PostgresPool, logger: Logger) {
        self.store = store
        self.pool = pool
        self.logger = logger
    }

    public func register(on router: ServiceRouter) {
        router.put("/v1/warehouses/:id") { request, context in
            let id = try context.parameters.require("id")
            let document = try await request.decodeJSON(as: WarehouseDocument.self, context: context)
            var errors: [ProblemDetails.FieldError] = []
            if let problem = InventoryValidation.identifierProblem(id, what: "the warehouse id") { errors.append(.init(pointer: "/id", detail: problem)) }
            if !InventoryValidation.isCountryCode(document.country) { errors.append(.init(pointer: "/country", detail: "\"\(document.country)\" is not an ISO 3166-1 alpha-2 code such as DE")) }
            guard errors.isEmpty else { throw ProblemDetails.validationFailed(errors) }
            _ = try await pool.execute(
                """
                INSERT INTO warehouses (id, country, regions, postal_prefixes) VALUES ($1, $2, $3, $4)
                ON CONFLICT (id) DO UPDATE SET country = $2, regions = $3, postal_prefixes = $4
                """,
                id, document.country, document.regions ?? [], document.postalPrefixes ?? []
            )
            return HTTPResponse.Status.noContent
        }
        router.put("/v1/items/:sku") { request, context in
            let sku = try context.parameters.require("sku")
            let document = try await request.decodeJSON(as: ItemDocument.self, context: context)
            if let problem = InventoryValidation.identifierProblem(sku, what: "the SKU") {
                throw ProblemDetails.validationFailed([.init(pointer: "/sku", detail: problem)])
            }
            _ = try await pool.execute(
                "INSERT INTO items (sku, description) VALUES ($1, $2) ON CONFLICT (sku) DO UPDATE SET description = $2",
                sku, document.description
            )
            return HTTPResponse.Status.noContent
        }
        router.post("/v1/stock/movements") { request, context in
            let movement = try await request.decodeJSON(as: MovementDocument.self, context: context)
            return try await MovementIntake(store: store, pool: pool).record(movement)
        }
        router.put("/v1/stock/inbound/:id") { request, context in
            let id = try context.parameters.require("id")
            let document = try await request.decodeJSON(as: InboundDocument.self, context: context)
            var errors: [ProblemDetails.FieldError] = []
            if let problem = InventoryValidation.identifierProblem(id, what: "the inbound id") { errors.append(.init(pointer: "/id", detail: problem)) }
            // The column is a PostgreSQL integer: above the bound the insert would fail as a 500.
            if !(1 ... MovementIntake.maximumQuantity).contains(document.quantity) {
                errors.append(.init(pointer: "/quantity", detail: "\(document.quantity) is not a quantity from 1 to 1,000,000,000"))
            }
            if InventoryValidation.day(document.expectedDate) == nil { errors.append(.init(pointer: "/expectedDate", detail: "\"\(document.expectedDate)\" is not a date such as 2027-03-15")) }
            guard errors.isEmpty else { throw ProblemDetails.validationFailed(errors) }
            try await pool.transaction { transaction in
                try await InventoryValidation.requireKnown(sku: document.sku, warehouses: [document.warehouse], in: transaction)
                _ = try await transaction.execute(
                    """
                    INSERT INTO inbound_supply (id, warehouse, sku, quantity, expected_date) VALUES ($1, $2, $3, $4, $5::date)
                    ON CONFLICT (id) DO UPDATE SET warehouse = $2, sku = $3, quantity = $4, expected_date = $5::date
                    """,
                    id, document.warehouse, document.sku, document.quantity, document.expectedDate
                )
            }
            return HTTPResponse.Status.noContent
        }
        // Supply that arrived (its receipt raised on hand) or was cancelled must stop counting: overdue supply
        // counts as available by any date. Idempotent, so the ERP may resend it: 204 whether it existed or not.
        router.delete("/v1/stock/inbound/:id") { _, context in
            let id = try context.parameters.require("id")
            _ = try await pool.execute("DELETE FROM inbound_supply WHERE id = $1", id)
            return HTTPResponse.Status.noContent
        }
        router.put("/v1/stock/snapshots/:warehouse") { request, context in
            let warehouse = try context.parameters.require("warehouse")
            let snapshot = try await request.decodeJSON(as: SnapshotDocument.self, context: context)
            let (report, isNew) = try await Reconciler(store: store, pool: pool).reconcile(warehouse: warehouse, snapshot: snapshot)
            return try StableJSONResponseEncoder.response(report, status: isNew ? .created : .ok)
        }
        router.get("/v1/reconciliations/:id") { _, context in
            let text = try context.parameters.require("id")
            guard let id = UUID(uuidString: text) else {
                throw ProblemDetails(type: "urn:wholesail:problem:not-found", status: .notFound, detail: "\(text) is not a reconciliation id (a UUID).")
            }
            let report = try await pool.transaction { transaction in try await Reconciler(store: store, pool: pool).report(id: id, in: transaction) }
            guard let report else {
                throw ProblemDetails(type: "urn:wholesail:problem:not-found", status: .notFound, detail: "No reconciliation \(text).")
            }
            return try StableJSONResponseEncoder.response(report, status: .ok)
        }
        router.get("/v1/availability") { request, _ in
            try await AvailabilityRoute(store: store, pool: pool).answer(request: request)
        }
        router.get("/v1/positions") { request, context in
            guard let sku = request.uri.queryParameters["sku"].map(String.init) else {
                throw ProblemDetails.validationFailed([.init(pointer: "?sku", detail: "the query parameter sku is required")])
            }
            let positions = try await pool.transaction { transaction in try await store.positions(skus: [sku], lock: false, in: transaction) }
            let view = positions.flatMap { warehouse, bySKU in
                bySKU.map { PositionView(sku: $0.key, warehouse: warehouse, onHand: $0.value.onHand, reserved: $0.value.reserved, available: max($0.value.onHand - $0.value.reserved, 0)) }
            }.sorted { $0.warehouse < $1.warehouse }
            return try StableJSONResponseEncoder.response(view, status: .ok)
        }
    }

    struct PositionView: Codable {
        var sku: String
        var warehouse: String
        var onHand: Int
        var reserved: Int
        var available: Int
    }
}
