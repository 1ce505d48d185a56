import Contracts
import Foundation
import Testing
import WholesailTestSupport

/// `PUT /v1/customers/{id}` and `GET /v1/customers/{id}` against the real database.
@Suite("Customer accounts")
struct CustomerAccountTests {
    @Test func anImportedAccountIsCreatedThenReplaced() async throws {
        try await FinanceServiceHarness.with("accounts_upsert") { finance in
            let body = #"{"name": "Nordlicht", "creditLimit": {"amount": "500.00", "currency": "EUR"}, "paymentTermsDays": 30}"#
            #expect(try await finance.service.client.put("/v1/customers/C-1", json: body).status == 201)
            let replaced = try await finance.service.client.put("/v1/customers/C-1", json: #"{"creditLimit": {"amount": "900.00", "currency": "EUR"}, "paymentTermsDays": 14, "creditHold": true}"#)
            #expect(replaced.status == 200)
            let account = try await finance.service.client.get("/v1/customers/C-1").json()
            #expect(account["creditLimit"]?["amount"] == "900.00")
            #expect(account["paymentTermsDays"] == 14)
            #expect(account["creditHold"] == true)
            #expect(account["availableCredit"]?["amount"] == "900.00")
        }
    }

    @Test func anInvalidAccountIsRefusedWithEveryFieldNamed() async throws {
        try await FinanceServiceHarness.with("accounts_invalid") { finance in
            let response = try await finance.service.client.put("/v1/customers/C-1", json: #"{"creditLimit": {"amount": "1.234", "currency": "EUR"}, "paymentTermsDays": -1, "creditHold": "no"}"#)
            #expect(response.status == 422)
            #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true)
            let pointers = Set(try response.problem().errors.map(\.pointer))
            #expect(pointers == ["/creditLimit", "/paymentTermsDays", "/creditHold"])
            #expect(try await finance.service.client.get("/v1/customers/C-1").status == 404)
        }
    }

    @Test func aTaxRateMustBeAPercentageBelowOneHundred() async throws {
        try await FinanceServiceHarness.with("accounts_tax_rate") { finance in
            #expect(try await finance.service.client.put("/v1/tax-rates/DE/standard", json: #"{"ratePercent": "100"}"#).status == 422)
            #expect(try await finance.service.client.put("/v1/tax-rates/DE/standard", json: #"{"ratePercent": 19}"#).status == 422)
            #expect(try await finance.service.client.put("/v1/tax-rates/us-ny/standard", json: #"{"ratePercent": "8.875"}"#).status == 200)
            let rates = try await finance.service.client.get("/v1/tax-rates").json()
            #expect(rates["rates"]?.arrayValue?.first?["region"] == "US-NY")
        }
    }
}
