/// The ERP simulator's runtime knobs (`GET`/`PUT /simulator/knobs`): make the ERP slow, flaky or unavailable.
public struct ERPKnobs: Codable, Sendable, Hashable {
    public var errorRatePercent: Int
    public var latencyMilliseconds: Int
    public var outage: Bool

    public init(errorRatePercent: Int = 0, latencyMilliseconds: Int = 0, outage: Bool = false) {
        self.errorRatePercent = errorRatePercent
        self.latencyMilliseconds = latencyMilliseconds
        self.outage = outage
    }
}
