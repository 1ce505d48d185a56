import ServiceLifecycle

/// Runs a service once its start-up gates are open; returns quietly if graceful shutdown comes first.
struct GatedService: Service, CustomStringConvertible {
    let gates: [StartupGate]
    let service: any Service
    let description: String

    func run() async throws {
        let gates = self.gates
        do {
            try await cancelWhenGracefulShutdown {
                for gate in gates { try await gate.wait() }
            }
        } catch is CancellationError where Task.isShuttingDownGracefully {
            return
        }
        guard !Task.isShuttingDownGracefully else { return }
        try await service.run()
    }
}
