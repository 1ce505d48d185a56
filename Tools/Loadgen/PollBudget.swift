/// Spaces the drivers' status polls to at most a fixed rate over all orders together, so watching thousands of orders
/// in flight never becomes the load it measures (each poll is a GET the services must answer).
actor PollBudget {
    private let interval: Duration
    private var next = ContinuousClock.now

    init(perSecond: Int) {
        interval = .nanoseconds(1_000_000_000 / Int64(max(1, perSecond)))
    }

    /// Waits for this caller's turn.
    func take() async {
        let now = ContinuousClock.now
        let turn = max(next, now)
        next = turn + interval
        if turn > now { try? await Task.sleep(until: turn) }
    }
}
