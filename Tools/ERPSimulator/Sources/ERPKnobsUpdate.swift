import Contracts
import Foundation

/// A change to some of the knobs (`PUT /simulator/knobs`): the knobs it names are set, the others keep their
/// values. Validated when made, so applying it cannot fail.
public struct ERPKnobsUpdate: Sendable, Hashable {
    public private(set) var latencyMilliseconds: Int?
    public private(set) var errorRatePercent: Int?
    public private(set) var outage: Bool?

    /// - Throws: ``ERPKnobsError`` naming each value out of range.
    public init(latencyMilliseconds: Int? = nil, errorRatePercent: Int? = nil, outage: Bool? = nil) throws(ERPKnobsError) {
        var errors: [ERPKnobsError.FieldError] = []
        if let latencyMilliseconds, !ERPSimulatorKnobs.latencyRange.contains(latencyMilliseconds) {
            errors.append(ERPSimulatorKnobs.latencyError(found: String(latencyMilliseconds)))
        }
        if let errorRatePercent, !ERPSimulatorKnobs.errorRateRange.contains(errorRatePercent) {
            errors.append(ERPSimulatorKnobs.errorRateError(found: String(errorRatePercent)))
        }
        guard errors.isEmpty else { throw ERPKnobsError(errors: errors) }
        self.latencyMilliseconds = latencyMilliseconds
        self.errorRatePercent = errorRatePercent
        self.outage = outage
    }

    /// Reads the members of a JSON object such as `{"outage":true,"latencyMilliseconds":200}`.
    ///
    /// - Throws: ``ERPKnobsError`` listing every member that is not a knob or has a value of the wrong type or
    ///   out of range.
    public init(members: [String: JSONValue]) throws(ERPKnobsError) {
        var errors: [ERPKnobsError.FieldError] = []
        var latency: Int?
        var errorRate: Int?
        var outage: Bool?
        for name in members.keys.sorted() {
            guard let value = members[name] else { continue }
            switch name {
            case "latencyMilliseconds":
                if let number = Self.integer(value), ERPSimulatorKnobs.latencyRange.contains(number) {
                    latency = number
                } else {
                    errors.append(ERPSimulatorKnobs.latencyError(found: Self.describe(value)))
                }
            case "errorRatePercent":
                if let number = Self.integer(value), ERPSimulatorKnobs.errorRateRange.contains(number) {
                    errorRate = number
                } else {
                    errors.append(ERPSimulatorKnobs.errorRateError(found: Self.describe(value)))
                }
            case "outage":
                if let flag = value.boolValue {
                    outage = flag
                } else {
                    errors.append(ERPSimulatorKnobs.outageError(found: Self.describe(value)))
                }
            default:
                errors.append(ERPKnobsError.FieldError(
                    pointer: "/" + Self.escapedPointerToken(name),
                    detail: "\(name) is not a knob; the knobs are latencyMilliseconds, errorRatePercent and outage"
                ))
            }
        }
        guard errors.isEmpty else { throw ERPKnobsError(errors: errors) }
        try self.init(latencyMilliseconds: latency, errorRatePercent: errorRate, outage: outage)
    }

    /// A JSON number that is a whole number within `Int`'s range (`200`, `200.0`), else nil.
    private static func integer(_ value: JSONValue) -> Int? {
        guard let number = value.numberValue else { return nil }
        // Decimal's description has no exponent and no trailing fraction for whole numbers.
        return Int(number.description)
    }

    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .number(let number): number.description
        case .string(let text): "the string \"\(text)\""
        default: "a JSON \(value.typeName)"
        }
    }

    /// RFC 6901: `~` becomes `~0`, `/` becomes `~1`.
    private static func escapedPointerToken(_ name: String) -> String {
        name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
