/// A ``WholesailService`` running in this process (see ``WholesailService/start()``): for tests and embedding.
public final class RunningService: Sendable {
    public let name: String
    private let assembly: ServiceAssembly
    private let task: Task<Void, any Error>

    init(name: String, assembly: ServiceAssembly) {
        self.name = name
        self.assembly = assembly
        task = Task { try await assembly.run() }
    }

    /// The port the HTTP server listens on (waits until it does).
    /// - Throws: when the service stopped before listening, e.g. because the port was taken.
    public func httpPort() async throws -> Int {
        try await assembly.port.value()
    }

    /// Shuts down gracefully — HTTP, consumer, relay, then connections and pool — and waits until done.
    /// - Throws: the error the service failed with, if any.
    public func shutdown() async throws {
        await assembly.group.triggerGracefulShutdown()
        try await task.value
    }

    /// Waits until the service stops (after ``shutdown()`` or a failure).
    public func wait() async throws {
        try await task.value
    }
}
