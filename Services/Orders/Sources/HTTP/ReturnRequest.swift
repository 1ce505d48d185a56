/// `POST /v1/orders/{id}/returns`: which shipped units come back, and why.
struct ReturnRequest: Codable, Sendable, Hashable {
    struct Line: Codable, Sendable, Hashable {
        var lineNumber: Int
        var quantity: Int
    }

    var lines: [Line]
    var reason: String
}
