import Contracts
import Foundation

extension SuiteClient {
    /// Creates or replaces a customer account: `PUT /v1/customers/{id}`.
    @discardableResult
    public func putCustomer(id: String, _ account: CustomerAccountRequest) async throws(SuiteClientError) -> CustomerAccountDocument {
        let answer = try await send("PUT", endpoints.finance, "/v1/customers/\(Self.segment(id))", json: account)
        return try decode(CustomerAccountDocument.self, from: try expect(answer, [200, 201]))
    }

    /// The account with open receivables, held and available credit: `GET /v1/customers/{id}`.
    public func customer(id: String) async throws(SuiteClientError) -> CustomerAccountDocument {
        let answer = try await send("GET", endpoints.finance, "/v1/customers/\(Self.segment(id))")
        return try decode(CustomerAccountDocument.self, from: try expect(answer, [200]))
    }

    /// Sets the rate of a tax class in a region (`DE`, `US-NY`): `PUT /v1/tax-rates/{region}/{taxClass}`.
    /// - Parameter ratePercent: a decimal string, e.g. `"19"` or `"8.875"`.
    public func setTaxRate(region: String, taxClass: String = "standard", ratePercent: String) async throws(SuiteClientError) {
        struct Rate: Encodable { var ratePercent: String }
        let path = "/v1/tax-rates/\(Self.segment(region))/\(Self.segment(taxClass))"
        _ = try expect(try await send("PUT", endpoints.finance, path, json: Rate(ratePercent: ratePercent)), [200])
    }

    /// Sets a product's tax class (otherwise the order line's category, else `standard`):
    /// `PUT /v1/product-tax-classes/{sku}`.
    public func setProductTaxClass(sku: String, taxClass: String) async throws(SuiteClientError) {
        struct TaxClass: Encodable { var taxClass: String }
        let path = "/v1/product-tax-classes/\(Self.segment(sku))"
        _ = try expect(try await send("PUT", endpoints.finance, path, json: TaxClass(taxClass: taxClass)), [200, 204])
    }

    /// An order's invoices in number order: `GET /v1/invoices?order=`.
    public func invoices(orderID: String) async throws(SuiteClientError) -> [InvoiceDocument] {
        struct List: Decodable { var invoices: [InvoiceDocument] }
        let answer = try await send("GET", endpoints.finance, "/v1/invoices", query: [URLQueryItem(name: "order", value: orderID)])
        return try decode(List.self, from: try expect(answer, [200])).invoices
    }

    /// Records and applies a payment (201; a repeat of the same payment 200 with the first answer): `POST /v1/payments`.
    @discardableResult
    public func postPayment(_ payment: PaymentRequest) async throws(SuiteClientError) -> PaymentResult {
        let answer = try await send("POST", endpoints.finance, "/v1/payments", json: payment)
        return try decode(PaymentResult.self, from: try expect(answer, [200, 201]))
    }

    /// Assembles settlement batches now, one per currency with unsettled documents (empty when there is nothing to
    /// settle): `POST /v1/settlements`. Ready batches are then posted to the ERP ledger in the background.
    public func requestSettlement(requestedBy: String) async throws(SuiteClientError) -> [SettlementBatchDocument] {
        struct Request: Encodable { var requestedBy: String }
        struct List: Decodable { var batches: [SettlementBatchDocument] }
        let answer = try await send("POST", endpoints.finance, "/v1/settlements", json: Request(requestedBy: requestedBy))
        return try decode(List.self, from: try expect(answer, [200, 201])).batches
    }

    /// One settlement batch: `GET /v1/settlements/{id}`.
    public func settlementBatch(id: String) async throws(SuiteClientError) -> SettlementBatchDocument {
        let answer = try await send("GET", endpoints.finance, "/v1/settlements/\(Self.segment(id))")
        return try decode(SettlementBatchDocument.self, from: try expect(answer, [200]))
    }

    /// Approves a held batch (the approver must not be its requester): `POST /v1/settlements/{id}/approve`.
    @discardableResult
    public func approveSettlement(id: String, approver: String) async throws(SuiteClientError) -> SettlementBatchDocument {
        struct Approval: Encodable { var approver: String }
        let answer = try await send("POST", endpoints.finance, "/v1/settlements/\(Self.segment(id))/approve", json: Approval(approver: approver))
        return try decode(SettlementBatchDocument.self, from: try expect(answer, [200]))
    }

    /// Shipped vs invoiced vs posted vs paid per order for `[from, to)`: `GET /v1/reconciliation`.
    public func reconciliation(from: Date, to: Date) async throws(SuiteClientError) -> FinanceReconciliation {
        let period: (String, String)
        do {
            period = (try StableJSON.string(from: from), try StableJSON.string(from: to))
        } catch {
            throw .invalidRequest(request: "GET \(endpoints.finance.absoluteString)/v1/reconciliation", reason: "\(error)")
        }
        let query = [URLQueryItem(name: "from", value: period.0), URLQueryItem(name: "to", value: period.1)]
        let answer = try await send("GET", endpoints.finance, "/v1/reconciliation", query: query)
        return try decode(FinanceReconciliation.self, from: try expect(answer, [200]))
    }
}
