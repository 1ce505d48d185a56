import Foundation
import SuiteDriver
import Testing

extension BrokerDrivenSuite {
    /// The load generator's socket transport writes and reads the same requests as URLSession: a body sent, a JSON
    /// answer read, keep-alive reused across calls.
    @Test func theSocketTransportSendsBodiesAndReadsAnswersLikeURLSession() async throws {
        let suite = try suite
        let sockets = SuiteClient(endpoints: suite.endpoints, sockets: 2)
        let warehouse = "SOCK-\(UUID().uuidString.prefix(8))"
        let sku = "SOCKET-\(UUID().uuidString.prefix(8))"
        try await sockets.putWarehouse(id: warehouse, WarehouseRequest(country: "DE"))
        try await sockets.putItem(sku: sku)
        for number in 1...3 {
            _ = try await sockets.recordMovement(.receipt(id: "GR-\(sku)-\(number)", sku: sku, warehouse: warehouse, quantity: 10))
        }
        let throughSockets = try await sockets.positions(sku: sku)
        let throughURLSession = try await suite.client.positions(sku: sku)
        #expect(throughSockets == throughURLSession)
        #expect(throughSockets.first { $0.warehouse == warehouse }?.onHand == 30)
    }

    /// A refusal over the socket transport carries the status and the problem document, as over URLSession.
    @Test func theSocketTransportReportsARefusalWithItsProblemDocument() async throws {
        let suite = try suite
        let sockets = SuiteClient(endpoints: suite.endpoints, sockets: 1)
        do throws(SuiteClientError) {
            _ = try await sockets.order(id: UUID().uuidString.lowercased())
            Issue.record("the orders service answered without an API key")
        } catch {
            #expect(error.status == 401)
            #expect(error.problemType != nil)
        }
    }
}
