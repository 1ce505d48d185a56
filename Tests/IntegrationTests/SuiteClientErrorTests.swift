import Foundation
import SuiteDriver
import Testing

extension BrokerDrivenSuite {
    /// A refusal reaches the caller as a typed error with the status and the service's problem document.
    @Test func aRefusedRequestThrowsTheStatusAndTheProblemType() async throws {
        let suite = try suite
        let unknownOrder = UUID().uuidString.lowercased()
        do throws(SuiteClientError) {
            _ = try await suite.client.order(id: unknownOrder)
            Issue.record("GET /v1/orders/\(unknownOrder) answered an order")
        } catch {
            #expect(error.status == 404)
            #expect(error.problemType == "urn:wholesail:problem:order-not-found")
        }
    }

    /// Without a channel API key the orders service refuses with 401, and the client says so.
    @Test func anOrdersRequestWithoutAnAPIKeyThrowsUnauthorized() async throws {
        let suite = try suite
        let anonymous = SuiteClient(endpoints: suite.endpoints)
        do throws(SuiteClientError) {
            _ = try await anonymous.order(id: UUID().uuidString.lowercased())
            Issue.record("the orders service answered without an API key")
        } catch {
            #expect(error.status == 401)
        }
    }
}
