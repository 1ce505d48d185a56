import Contracts
import Foundation
import Hummingbird
import Persistence
import ServiceKit

/// The finance HTTP API (`Services/Finance/openapi.yaml`): customer accounts, tax settings, payments, invoices,
/// settlement batches and the reconciliation report.
public struct FinanceRoutes: Sendable {
    public let store: FinanceStore
    public let pool: PostgresPool
    public let assembler: SettlementAssembler
    public let wakePoster: @Sendable () -> Void

    public init(store: FinanceStore, pool: PostgresPool, assembler: SettlementAssembler, wakePoster: @escaping @Sendable () -> Void) {
        self.store = store
        self.pool = pool
        self.assembler = assembler
        self.wakePoster = wakePoster
    }

    struct InvoiceList: Codable {
        var invoices: [InvoiceRecord]
    }

    public func register(on router: ServiceRouter) {
        let customers = CustomerAccounts(store: store, pool: pool)
        let tax = TaxSettings(store: store, pool: pool)
        let payments = PaymentIntake(store: store, pool: pool)
        let settlements = SettlementApproval(store: store, pool: pool, assembler: assembler, wakePoster: wakePoster)

        router.put("/v1/customers/:id") { request, context in
            try await customers.put(id: try context.parameters.require("id"), body: try await request.body.collect(upTo: context.maxUploadSize))
        }
        router.get("/v1/customers/:id") { _, context in
            try await customers.get(id: try context.parameters.require("id"))
        }
        router.put("/v1/tax-rates/:region/:taxClass") { request, context in
            try await tax.putRate(region: try context.parameters.require("region"), taxClass: try context.parameters.require("taxClass"),
                                  body: try await request.body.collect(upTo: context.maxUploadSize))
        }
        router.get("/v1/tax-rates") { _, _ in
            try await tax.rates()
        }
        router.put("/v1/product-tax-classes/:sku") { request, context in
            try await tax.putProductClass(sku: try context.parameters.require("sku"), body: try await request.body.collect(upTo: context.maxUploadSize))
        }
        router.post("/v1/payments") { request, context in
            try await payments.receive(body: try await request.body.collect(upTo: context.maxUploadSize))
        }
        router.get("/v1/invoices/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let invoice = try await pool.transaction({ try await store.invoice(idOrNumber: id, in: $0) }) else {
                throw ProblemDetails(type: "urn:wholesail:problem:invoice-not-found", title: "Invoice not found", status: .notFound,
                                     detail: "No invoice with id or number \(id).")
            }
            return try StableJSONResponseEncoder.response(invoice, status: .ok)
        }
        router.get("/v1/invoices") { request, _ in
            guard let order = request.uri.queryParameters["order"].map(String.init), !order.isEmpty else {
                throw ProblemDetails.validationFailed([.init(pointer: "", detail: "query parameter order=<order id> is required")])
            }
            let invoices = try await pool.transaction { try await store.invoices(orderID: order, in: $0) }
            return try StableJSONResponseEncoder.response(InvoiceList(invoices: invoices), status: .ok)
        }
        router.post("/v1/settlements") { request, context in
            try await settlements.request(body: try await request.body.collect(upTo: context.maxUploadSize))
        }
        router.get("/v1/settlements") { request, _ in
            try await settlements.list(status: request.uri.queryParameters["status"].map(String.init))
        }
        router.get("/v1/settlements/:id") { _, context in
            try await settlements.get(id: try context.parameters.require("id"))
        }
        router.post("/v1/settlements/:id/approve") { request, context in
            try await settlements.approve(id: try context.parameters.require("id"), body: try await request.body.collect(upTo: context.maxUploadSize))
        }
        router.get("/v1/reconciliation") { request, _ in
            let (from, to) = try Self.period(from: request.uri.queryParameters["from"].map(String.init), to: request.uri.queryParameters["to"].map(String.init))
            let report = try await pool.transaction { try await store.reconciliation(from: from, to: to, limit: 10_000, in: $0) }
            return try StableJSONResponseEncoder.response(report, status: .ok)
        }
    }

    /// `from` and `to` as ISO 8601 timestamps or dates (`2026-12-01` = its start, UTC); `to` is exclusive.
    static func period(from: String?, to: String?) throws(ProblemDetails) -> (Date, Date) {
        var errors: [ProblemDetails.FieldError] = []
        func parse(_ text: String?, name: String) -> Date? {
            guard let text, !text.isEmpty else {
                errors.append(.init(pointer: "", detail: "query parameter \(name) is required: an ISO 8601 date or timestamp"))
                return nil
            }
            if let stamp = try? StableJSON.date(from: text) { return stamp }
            if let day = try? StableJSON.date(from: text + "T00:00:00Z") { return day }
            errors.append(.init(pointer: "", detail: "\(name)=\(text) is not an ISO 8601 date (2026-12-01) or timestamp (2026-12-01T00:00:00Z)"))
            return nil
        }
        let start = parse(from, name: "from")
        let end = parse(to, name: "to")
        if let start, let end, end <= start { errors.append(.init(pointer: "", detail: "to must be after from")) }
        guard errors.isEmpty, let start, let end else { throw ProblemDetails.validationFailed(errors, detail: "The period is invalid.") }
        return (start, end)
    }
}
