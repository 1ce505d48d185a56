/// At most `permits` holders at a time; the rest wait in arrival order. Service tests take a permit for the life of
/// their service: Swift Testing starts every test at once, and a few dozen services (each with its pool, relay,
/// listener and broker connections) would otherwise exhaust PostgreSQL's connections and starve 2 CPU cores.
public actor ConcurrencyLimit {
    public let permits: Int
    private var inUse = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init(permits: Int) {
        self.permits = max(1, permits)
    }

    public func acquire() async {
        if inUse < permits {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    public func release() {
        if waiters.isEmpty {
            inUse -= 1
        } else {
            // The permit passes straight to the next waiter.
            waiters.removeFirst().resume()
        }
    }

    /// Runs `body` holding a permit.
    public func with<Value: Sendable>(_ body: @Sendable () async throws -> Value) async throws -> Value {
        await acquire()
        do {
            let value = try await body()
            release()
            return value
        } catch {
            release()
            throw error
        }
    }
}
