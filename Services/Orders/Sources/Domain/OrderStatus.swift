/// Where an order stands. `received` until every step answered; then `confirmed` (or `rejected`); fulfilment moves it
/// forward through `erp_posted`, `shipped`, `invoiced`, `completed`, and after-sales through `returned`, `refunded`.
/// `needs_attention` is an order a step never answered: an operator looks at it (a late answer still decides it).
public enum OrderStatus: String, Codable, Sendable, CaseIterable {
    case received
    case needsAttention = "needs_attention"
    case confirmed
    case rejected
    case cancelled
    case erpPosted = "erp_posted"
    case shipped
    case invoiced
    case completed
    case returned
    case refunded

    /// Still waiting for the steps (a late answer may still confirm or reject it).
    public var isAwaitingSteps: Bool { self == .received || self == .needsAttention }

    /// Rejected or cancelled: nothing moves it any more.
    public var isClosed: Bool { self == .rejected || self == .cancelled }

    /// How far fulfilment got; a status only ever moves to a higher rank (an ERP posting after the goods shipped
    /// does not take the order back to `erp_posted`).
    public var fulfilmentRank: Int {
        switch self {
        case .received, .needsAttention, .rejected, .cancelled: 0
        case .confirmed: 1
        case .erpPosted: 2
        case .shipped: 3
        case .invoiced: 4
        case .completed: 5
        case .returned: 6
        case .refunded: 7
        }
    }

    /// The status after a fulfilment milestone: the milestone if it is further along, else unchanged.
    public func advanced(to milestone: OrderStatus) -> OrderStatus {
        guard !isClosed, !isAwaitingSteps, milestone.fulfilmentRank > fulfilmentRank else { return self }
        return milestone
    }

    /// Before anything left a warehouse, an order can still be cancelled.
    public var isCancellable: Bool {
        switch self {
        case .received, .needsAttention, .confirmed, .erpPosted: true
        default: false
        }
    }
}
