import Foundation
import ServiceLifecycle

/// An ERP simulator serving in this process (see ``ERPSimulator/start()``): its address, its state, and how to
/// stop it.
public final class RunningERPSimulator: Sendable {
    /// The port it listens on (the one bound when port 0 was asked for).
    public let port: Int
    /// Where clients reach it, e.g. `http://127.0.0.1:40123` (`127.0.0.1` when bound to all addresses).
    public let baseURL: URL
    /// Its knobs and records: set knobs and read documents directly, no HTTP needed.
    public let state: ERPSimulatorState
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    init(host: String, port: Int, state: ERPSimulatorState, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        let reachableHost = (host == "0.0.0.0" || host == "::") ? "127.0.0.1" : host
        let hostInURL = reachableHost.contains(":") ? "[\(reachableHost)]" : reachableHost
        var components = URLComponents()
        components.scheme = "http"
        components.host = hostInURL
        components.port = port
        baseURL = components.url ?? URL(fileURLWithPath: "/")
        self.state = state
        self.group = group
        self.task = task
    }

    /// Stops accepting requests, lets in-flight ones finish, and waits until the server stopped.
    /// - Throws: the error the server failed with, if any.
    public func shutdown() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}
