/// How the simulated ERP misbehaves: the runtime knobs that let tests and the local stack reproduce a slow,
/// flaky or unavailable ERP.
///
/// Values are validated when made, so a knobs value is always within range.
public struct ERPSimulatorKnobs: Codable, Sendable, Hashable {
    /// How long each `/erp/` request waits before it is answered, in milliseconds.
    public private(set) var latencyMilliseconds: Int
    /// The share of `/erp/` requests, in percent, answered with a 500 without recording anything.
    public private(set) var errorRatePercent: Int
    /// When true every `/erp/` request is answered with a 503 and `Retry-After: 1`, recording nothing.
    public private(set) var outage: Bool

    /// The allowed latencies: up to ten minutes.
    public static let latencyRange: ClosedRange<Int> = 0...600_000
    /// The allowed error rates.
    public static let errorRateRange: ClosedRange<Int> = 0...100

    /// A healthy ERP: no latency, no errors, no outage.
    public static let normal = ERPSimulatorKnobs(checkedLatency: 0, errorRate: 0, outage: false)

    /// - Throws: ``ERPKnobsError`` naming each value out of range.
    public init(latencyMilliseconds: Int = 0, errorRatePercent: Int = 0, outage: Bool = false) throws(ERPKnobsError) {
        var errors: [ERPKnobsError.FieldError] = []
        if !Self.latencyRange.contains(latencyMilliseconds) {
            errors.append(Self.latencyError(found: String(latencyMilliseconds)))
        }
        if !Self.errorRateRange.contains(errorRatePercent) {
            errors.append(Self.errorRateError(found: String(errorRatePercent)))
        }
        guard errors.isEmpty else { throw ERPKnobsError(errors: errors) }
        self.init(checkedLatency: latencyMilliseconds, errorRate: errorRatePercent, outage: outage)
    }

    private init(checkedLatency: Int, errorRate: Int, outage: Bool) {
        latencyMilliseconds = checkedLatency
        errorRatePercent = errorRate
        self.outage = outage
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let latency = try container.decode(Int.self, forKey: .latencyMilliseconds)
        let errorRate = try container.decode(Int.self, forKey: .errorRatePercent)
        let outage = try container.decode(Bool.self, forKey: .outage)
        do throws(ERPKnobsError) {
            try self.init(latencyMilliseconds: latency, errorRatePercent: errorRate, outage: outage)
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// The latency as a duration.
    public var latency: Duration { .milliseconds(latencyMilliseconds) }

    /// These knobs with the values `update` sets.
    public func updated(with update: ERPKnobsUpdate) -> ERPSimulatorKnobs {
        ERPSimulatorKnobs(
            checkedLatency: update.latencyMilliseconds ?? latencyMilliseconds,
            errorRate: update.errorRatePercent ?? errorRatePercent,
            outage: update.outage ?? outage
        )
    }

    /// These knobs with the outage switched on or off.
    public func with(outage: Bool) -> ERPSimulatorKnobs {
        ERPSimulatorKnobs(checkedLatency: latencyMilliseconds, errorRate: errorRatePercent, outage: outage)
    }

    static func latencyError(found: String) -> ERPKnobsError.FieldError {
        ERPKnobsError.FieldError(
            pointer: "/latencyMilliseconds",
            detail: "latencyMilliseconds must be an integer from \(latencyRange.lowerBound) to \(latencyRange.upperBound); found \(found)"
        )
    }

    static func errorRateError(found: String) -> ERPKnobsError.FieldError {
        ERPKnobsError.FieldError(
            pointer: "/errorRatePercent",
            detail: "errorRatePercent must be an integer from \(errorRateRange.lowerBound) to \(errorRateRange.upperBound); found \(found)"
        )
    }

    static func outageError(found: String) -> ERPKnobsError.FieldError {
        ERPKnobsError.FieldError(pointer: "/outage", detail: "outage must be true or false; found \(found)")
    }
}
