/// The three answers an order waits for before it is confirmed.
public enum OrderStep: String, Codable, Sendable, CaseIterable, Comparable {
    /// `pricing.order.priced.v1` or `pricing.order.rejected.v1`.
    case pricing
    /// `inventory.reservation.confirmed.v1` or `inventory.reservation.failed.v1`.
    case inventory
    /// `finance.credit.approved.v1` or `finance.credit.rejected.v1` (asked by pricing's answer, so it starts later).
    case credit

    private var rank: Int {
        switch self {
        case .pricing: 0
        case .inventory: 1
        case .credit: 2
        }
    }

    public static func < (lhs: OrderStep, rhs: OrderStep) -> Bool { lhs.rank < rhs.rank }
}
