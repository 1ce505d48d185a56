import Contracts

/// The event every benchmark order transaction writes to the outbox (about 300 bytes as an envelope).
struct BenchOrderPlaced: EventPayload, Hashable {
    static let eventType: EventType = "bench.order.placed.v1"

    var orderID: Int64
    var customerID: Int64
    var totalMinor: Int64
    var currency: String
    var lineCount: Int
}
