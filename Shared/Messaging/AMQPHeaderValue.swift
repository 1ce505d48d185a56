import Foundation

/// A value in an AMQP field table (message headers, queue arguments).
///
/// Only the kinds Wholesail writes are first-class; other kinds the broker may send (floats,
/// decimals, unsigned integers) are converted faithfully to these on receipt.
public enum AMQPHeaderValue: Sendable, Hashable {
    case string(String)
    case integer(Int64)
    case boolean(Bool)
    case timestamp(Date)
    case bytes([UInt8])
    case array([AMQPHeaderValue])
    case table([String: AMQPHeaderValue])
    case void

    /// The value as text when it is a string (or bytes holding UTF-8).
    public var stringValue: String? {
        switch self {
        case .string(let value): value
        case .bytes(let bytes): String(validating: bytes, as: UTF8.self)
        default: nil
        }
    }

    /// The value as an integer when it is one.
    public var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }
}

extension AMQPHeaderValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
}
