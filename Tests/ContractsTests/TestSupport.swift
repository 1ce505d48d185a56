import Contracts
import Foundation

/// A deterministic random source (SplitMix64) so tests that pass a generator get reproducible ids.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// A payload type for envelope tests.
struct ProbeEmitted: EventPayload, Equatable {
    static let eventType: EventType = "contracts-test.probe.emitted.v1"
    var probeID: String
    var total: Money
    var quantity: Int
}

/// A second payload type, for mismatch tests.
struct ProbeRetired: EventPayload, Equatable {
    static let eventType: EventType = "contracts-test.probe.retired.v2"
    var probeID: String
}

/// The milliseconds of 2026-11-27T14:01:02.123Z.
let referenceMilliseconds: Int64 = 1_795_788_062_123

extension String {
    var utf8Data: Data { Data(utf8) }
}

/// The JSON text of a value, parsed; for building test instances from literals.
func json(_ text: String) throws -> JSONValue {
    try JSONValue(data: Data(text.utf8))
}

/// The coding path of a decoding error as strings, e.g. `["payload", "total", "amount"]`.
func codingPath(of error: any Error) -> [String]? {
    switch error as? DecodingError {
    case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
        context.codingPath.map(\.stringValue)
    case .keyNotFound(let key, let context):
        context.codingPath.map(\.stringValue) + [key.stringValue]
    default:
        nil
    }
}

/// The debug description of a decoding error.
func debugDescription(of error: any Error) -> String {
    switch error as? DecodingError {
    case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
        context.debugDescription
    default:
        String(describing: error)
    }
}
