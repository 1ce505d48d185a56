import Contracts
import Foundation
import ServiceKit

/// Reads the members of a JSON request body and collects every problem, each with its JSON pointer, so one answer
/// lists everything the caller must fix.
struct FieldReader {
    let object: [String: JSONValue]
    private(set) var errors: [ProblemDetails.FieldError] = []

    /// The body as an object whose members are all in `allowed`; anything else is a 422 at once.
    init(_ body: JSONValue, allowed: Set<String>) throws(ProblemDetails) {
        guard let object = body.objectValue else {
            throw ProblemDetails.validationFailed([.init(pointer: "", detail: "the body must be a JSON object, not \(body.typeName)")], detail: "Nothing was changed.")
        }
        self.object = object
        for name in object.keys.sorted() where !allowed.contains(name) {
            errors.append(.init(pointer: "/\(JSONPointer.escape(name))", detail: "unknown member; allowed: \(allowed.sorted().joined(separator: ", "))"))
        }
    }

    /// Parses a request body; not JSON → 400.
    static func json(_ data: Data, what: String) throws(ProblemDetails) -> JSONValue {
        do {
            return try JSONValue(data: data)
        } catch {
            throw ProblemDetails.invalidRequestBody("The body is not valid JSON; send \(what) as a JSON object.", errors: [.init(pointer: "", detail: "not valid JSON")])
        }
    }

    mutating func fail(_ pointer: String, _ detail: String) {
        errors.append(.init(pointer: pointer, detail: detail))
    }

    /// A string of 1…`maximumLength` characters without control characters.
    mutating func text(_ name: String, required: Bool, maximumLength: Int = 200) -> String? {
        guard let value = object[name], value != .null else {
            if required { fail("/\(name)", "required: a string of 1 to \(maximumLength) characters") }
            return nil
        }
        guard let text = value.stringValue else {
            fail("/\(name)", "must be a string, not \(value.typeName)")
            return nil
        }
        guard (1...maximumLength).contains(text.count), !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            fail("/\(name)", "must be 1 to \(maximumLength) characters without control characters")
            return nil
        }
        return text
    }

    mutating func integer(_ name: String, range: ClosedRange<Int>) -> Int? {
        guard let value = object[name], value != .null else {
            fail("/\(name)", "required: an integer from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        guard let integer = value.wholeNumberValue, range.contains(integer) else {
            fail("/\(name)", "must be an integer from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return integer
    }

    mutating func boolean(_ name: String, default defaultValue: Bool) -> Bool {
        guard let value = object[name], value != .null else { return defaultValue }
        guard case .bool(let flag) = value else {
            fail("/\(name)", "must be true or false")
            return defaultValue
        }
        return flag
    }

    /// A money object `{"amount": "12.34", "currency": "EUR"}`.
    mutating func money(_ name: String, required: Bool = true) -> Money? {
        guard let value = object[name], value != .null else {
            if required { fail("/\(name)", "required: {\"amount\": \"12.34\", \"currency\": \"EUR\"}") }
            return nil
        }
        do {
            return try StableJSON.decode(Money.self, from: try StableJSON.encode(value))
        } catch {
            fail("/\(name)", "must be {\"amount\": \"<decimal string>\", \"currency\": \"<ISO 4217 code>\"} with no more decimals than the currency has (\(error))")
            return nil
        }
    }

    mutating func timestamp(_ name: String) -> Date? {
        guard let stamp = text(name, required: false, maximumLength: 64) else { return nil }
        do {
            return StableJSON.roundedToMilliseconds(try StableJSON.date(from: stamp))
        } catch {
            fail("/\(name)", "must be an ISO 8601 timestamp with an offset, e.g. 2026-12-10T09:30:00Z")
            return nil
        }
    }

    /// Throws the 422 when anything was wrong.
    func finish(_ what: String) throws(ProblemDetails) {
        guard errors.isEmpty else {
            throw ProblemDetails.validationFailed(errors, detail: "\(what) has \(errors.count) invalid field(s); nothing was changed.")
        }
    }
}
