/// `orders.order.rejected.v1`: the order will not be fulfilled (a step failed or timed out); inventory releases
/// its reservation, finance its credit hold.
public struct OrderRejected: EventPayload, Hashable {
    public static let eventType: EventType = "orders.order.rejected.v1"

    /// Why, per failed step.
    public struct Reason: Codable, Sendable, Hashable {
        /// e.g. `pricing`, `inventory`, `credit`, `timeout`.
        public var step: String
        public var code: String
        public var detail: String

        public init(step: String, code: String, detail: String) {
            self.step = step
            self.code = code
            self.detail = detail
        }
    }

    public var orderID: String
    public var reasons: [Reason]

    public init(orderID: String, reasons: [Reason]) {
        self.orderID = orderID
        self.reasons = reasons
    }
}
