/// Not ready until the service's start-up steps are done (migrations applied, broker topology declared).
struct StartupReadinessCheck: ReadinessCheck {
    let name = "startup"
    let gates: [StartupGate]

    func check() async throws {
        if let pending = gates.first(where: { !$0.isOpen }) {
            throw ReadinessFailure("still starting: \(pending.pendingStep)")
        }
    }
}
