/// Runs readiness checks concurrently, each bounded by a timeout.
///
/// A check that overruns is reported down ("timed out after 2s") and cancelled; the probe does not wait for it
/// to notice, so one hung dependency can never hang `/health/ready`.
public struct ReadinessProbe: Sendable {
    public let checks: [any ReadinessCheck]
    public let timeout: Duration

    public init(checks: [any ReadinessCheck], timeout: Duration) {
        self.checks = checks
        self.timeout = timeout
    }

    /// Runs every check once.
    public func run() async -> ReadinessReport {
        await withTaskGroup(of: (String, ReadinessReport.CheckResult).self) { group in
            for check in checks {
                group.addTask { (check.name, await Self.run(check, timeout: timeout)) }
            }
            var results: [String: ReadinessReport.CheckResult] = [:]
            for await (name, result) in group {
                results[name] = result
            }
            return ReadinessReport(checks: results)
        }
    }

    /// Runs `check` in a task of its own and answers at whichever comes first: its result or the timeout.
    static func run(_ check: any ReadinessCheck, timeout: Duration) async -> ReadinessReport.CheckResult {
        let started = ContinuousClock.now
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, any Error>, Never>) in
            // Unstructured on purpose: the continuation is resumed by the first finisher, while the group may
            // still wait in the background for a check that ignores cancellation.
            Task {
                await withTaskGroup(of: Result<Void, any Error>.self) { group in
                    group.addTask {
                        do {
                            try await check.check()
                            return .success(())
                        } catch {
                            return .failure(error)
                        }
                    }
                    group.addTask {
                        try? await Task.sleep(for: timeout)
                        return .failure(ReadinessFailure("timed out after \(EnvironmentReader.formatDuration(timeout))"))
                    }
                    let first = await group.next() ?? .failure(ReadinessFailure("no result"))
                    continuation.resume(returning: first)
                    group.cancelAll()
                }
            }
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        switch outcome {
        case .success:
            return .init(status: .up, durationMilliseconds: milliseconds)
        case .failure(let error):
            return .init(status: .down, detail: String(String(describing: error).prefix(300)), durationMilliseconds: milliseconds)
        }
    }
}
