import Contracts
import Foundation
import Hummingbird
import Persistence
import ServiceKit

/// `PUT /v1/customers/{id}` (the ERP's account import) and `GET /v1/customers/{id}` (the account with what it owes
/// and what is held against its limit).
///
/// ```json
/// {"name": "Müller Haustechnik GmbH", "creditLimit": {"amount": "50000.00", "currency": "EUR"},
///  "paymentTermsDays": 30, "creditHold": false}
/// ```
/// The limit's currency is the account's currency: orders and payments in another currency are refused.
struct CustomerAccounts: Sendable {
    let store: FinanceStore
    let pool: PostgresPool

    static let members: Set<String> = ["name", "creditLimit", "paymentTermsDays", "creditHold"]

    /// The account with its current standing.
    struct Document: Codable {
        var id: String
        var name: String?
        var creditLimit: Money
        var paymentTermsDays: Int
        var creditHold: Bool
        var openReceivables: Money
        var unappliedPayments: Money
        var heldForOpenOrders: Money
        var availableCredit: Money
        var updatedAt: Date
    }

    func put(id: String, body: ByteBuffer) async throws -> Response {
        guard (1...200).contains(id.count) else {
            throw ProblemDetails.validationFailed([.init(pointer: "", detail: "the customer id in the path must be 1 to 200 characters")])
        }
        var reader = try FieldReader(try FieldReader.json(Data(body.readableBytesView), what: "the account"), allowed: Self.members)
        let name = reader.text("name", required: false)
        let limit = reader.money("creditLimit")
        if let limit, limit.minorUnits < 0 { reader.fail("/creditLimit/amount", "a credit limit cannot be negative") }
        let terms = reader.integer("paymentTermsDays", range: 0...3650)
        let hold = reader.boolean("creditHold", default: false)
        try reader.finish("The account")
        guard let limit, let terms else { throw ProblemDetails.validationFailed([], detail: "The account is incomplete.") }
        let account = CustomerAccount(id: id, name: name, creditLimit: limit, paymentTermsDays: terms, onHold: hold, updatedAt: Date())
        let (created, document) = try await pool.transaction { transaction in
            let created = try await store.upsert(account, in: transaction)
            return (created, try await self.document(id: id, in: transaction))
        }
        return try StableJSONResponseEncoder.response(document, status: created ? .created : .ok)
    }

    func get(id: String) async throws -> Response {
        try StableJSONResponseEncoder.response(try await pool.transaction { try await document(id: id, in: $0) }, status: .ok)
    }

    func document(id: String, in transaction: PostgresTransaction) async throws -> Document {
        guard let account = try await store.customer(id: id, in: transaction) else {
            throw ProblemDetails(type: "urn:wholesail:problem:customer-not-found", title: "Customer not found", status: .notFound,
                                 detail: "No finance account \(id); the ERP import creates it with PUT /v1/customers/\(id).")
        }
        let (exposure, unapplied) = try await store.exposure(customer: id, currency: account.currency, in: transaction)
        let used = try exposure.openReceivables + exposure.openApprovedOrders
        return Document(
            id: id, name: account.name, creditLimit: account.creditLimit, paymentTermsDays: account.paymentTermsDays, creditHold: account.onHold,
            openReceivables: try exposure.openReceivables + unapplied, unappliedPayments: unapplied, heldForOpenOrders: exposure.openApprovedOrders,
            availableCredit: try account.creditLimit - used, updatedAt: account.updatedAt
        )
    }
}
