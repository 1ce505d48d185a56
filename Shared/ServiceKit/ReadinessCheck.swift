/// One dependency `/health/ready` verifies: return when it is usable, throw (saying why) when it is not.
///
/// Checks run concurrently on every readiness request, each bounded by a timeout, so keep them cheap: a
/// `SELECT 1`, a flag read. A check that does not honour cancellation is abandoned at its timeout, not awaited.
public protocol ReadinessCheck: Sendable {
    /// A short, stable name shown in the readiness response, e.g. `database`.
    var name: String { get }
    /// Returns when ready; throws an error whose description says what is wrong.
    func check() async throws
}
