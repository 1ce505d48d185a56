/// A page of `GET /v1/orders`, oldest first; pass `nextCursor` as `cursor` for the next page (absent on the last).
struct OrderPage: Codable, Sendable, Hashable {
    var orders: [OrderSummary]
    var nextCursor: String?
}
