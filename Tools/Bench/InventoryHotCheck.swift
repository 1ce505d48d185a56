import Foundation
import Persistence

/// After a hot-SKU run: did the service reserve exactly what there was, never more, and do the ledger and the
/// positions still agree?
///
/// Every order asks for 1 unit of the hot SKU, and the other SKUs are stocked generously, so exactly
/// min(orders, stock) orders can be confirmed and that many units reserved.
struct InventoryHotCheck: Sendable {
    let sku: String
    let orders: Int
    let stock: Int
    let confirmedOrders: Int
    /// Σ reserved over the SKU's positions, from `GET /v1/positions`.
    let reservedUnits: Int
    /// Σ on hand over the SKU's positions, from `GET /v1/positions`.
    let onHandUnits: Int
    /// Positions of the SKU with on hand below zero or more reserved than on hand.
    let badPositions: Int
    /// Positions of the whole schema with on hand below zero or more reserved than on hand.
    let badPositionsAnywhere: Int
    /// The ledger's sums per warehouse equal the positions.
    let ledgerAgrees: Bool

    var expected: Int { min(orders, stock) }

    var passed: Bool {
        reservedUnits == expected && confirmedOrders == expected && onHandUnits == stock && badPositions == 0
            && badPositionsAnywhere == 0 && ledgerAgrees
    }

    /// One line for the report.
    var line: String {
        "\(sku): reserved \(Formatting.grouped(reservedUnits)) == min(\(Formatting.grouped(orders)) orders, \(Formatting.grouped(stock)) stock) = \(Formatting.grouped(expected)) — \(reservedUnits == expected ? "ok" : "MISMATCH")"
            + "; confirmed orders \(Formatting.grouped(confirmedOrders)) — \(confirmedOrders == expected ? "ok" : "MISMATCH")"
            + "; on hand \(Formatting.grouped(onHandUnits)) (received \(Formatting.grouped(stock))), none negative, reserved ≤ on hand in every position — \(badPositions == 0 && onHandUnits == stock ? "ok" : "VIOLATED")"
            + "; all positions of the schema — \(badPositionsAnywhere == 0 ? "ok" : "\(badPositionsAnywhere) VIOLATE")"
            + "; ledger = positions — \(ledgerAgrees ? "ok" : "MISMATCH")"
    }

    private struct PositionView: Decodable {
        var warehouse: String
        var onHand: Int
        var reserved: Int
    }

    static func run(sku: String, orders: Int, stock: Int, confirmedOrders: Int, port: Int, admin: PostgresPool, schema: String) async throws -> InventoryHotCheck {
        let response = try await BenchHTTP.get(port: port, path: "/v1/positions?sku=\(sku)")
        guard response.status == 200 else {
            throw BenchError("GET /v1/positions?sku=\(sku) failed with \(response.status): \(String(decoding: response.body.prefix(500), as: UTF8.self))")
        }
        let positions = try JSONDecoder().decode([PositionView].self, from: Data(response.body))
        let anywhere = try await admin.query("SELECT count(*) FROM \(schema).positions WHERE on_hand < 0 OR reserved < 0 OR reserved > on_hand")
            .first?.decode(Int.self, at: 0) ?? -1
        let ledger = try await admin.query(
            "SELECT warehouse, sum(on_hand_delta)::bigint, sum(reserved_delta)::bigint FROM \(schema).ledger WHERE sku = $1 GROUP BY warehouse", sku
        )
        var ledgerByWarehouse: [String: (onHand: Int, reserved: Int)] = [:]
        for row in ledger {
            ledgerByWarehouse[try row.decode(String.self, at: 0)] = (try row.decode(Int.self, at: 1), try row.decode(Int.self, at: 2))
        }
        let ledgerAgrees = ledgerByWarehouse.count == positions.count
            && positions.allSatisfy { position in
                ledgerByWarehouse[position.warehouse].map { $0.onHand == position.onHand && $0.reserved == position.reserved } ?? false
            }
        return InventoryHotCheck(
            sku: sku, orders: orders, stock: stock, confirmedOrders: confirmedOrders,
            reservedUnits: positions.reduce(0) { $0 + $1.reserved }, onHandUnits: positions.reduce(0) { $0 + $1.onHand },
            badPositions: positions.filter { $0.onHand < 0 || $0.reserved < 0 || $0.reserved > $0.onHand }.count,
            badPositionsAnywhere: anywhere, ledgerAgrees: ledgerAgrees
        )
    }
}
