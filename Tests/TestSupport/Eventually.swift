/// Polls `condition` every 50 ms until it holds or `timeout` passes; returns whether it held.
///
/// For outcomes that arrive asynchronously (a message consumed, a relay caught up). The timeout
/// is a generous upper bound, not a speed assertion.
public func eventually(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}
