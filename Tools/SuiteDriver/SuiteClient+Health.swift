import Foundation

extension SuiteClient {
    /// Whether the service at `base` answers `GET /health/ready` with 200 (database and broker reachable, start-up
    /// done); false when it answers otherwise or not at all.
    public func isReady(_ base: URL) async -> Bool {
        do {
            return try await send("GET", base, "/health/ready").status == 200
        } catch {
            return false
        }
    }
}
