/// A return to authorize (`POST /v1/orders/{id}/returns`): dispatched units coming back, per order line.
public struct ReturnRequest: Codable, Sendable, Hashable {
    public struct Line: Codable, Sendable, Hashable {
        public var lineNumber: Int
        public var quantity: Int

        public init(lineNumber: Int, quantity: Int) {
            self.lineNumber = lineNumber
            self.quantity = quantity
        }
    }

    public var lines: [Line]
    public var reason: String

    public init(lines: [Line], reason: String) {
        self.lines = lines
        self.reason = reason
    }
}
