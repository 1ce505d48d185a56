import Contracts
import Foundation

/// Checks a `POST /v1/shipments/{id}/events` body and reports every problem at once, each with its JSON pointer.
///
/// ```json
/// {"eventID": "wms-88123", "type": "dispatched", "occurredAt": "2026-11-27T14:01:02Z",
///  "carrier": "DHL", "trackingNumber": "00340434161094042557",
///  "lines": [{"lineNumber": 1, "quantity": 100}]}
/// ```
/// `type` is one of `picked`, `packed`, `dispatched`, `in_transit`, `delivered`, `exception`. An exception needs a
/// `reason`; `lines` belong to a dispatch only (omitted: everything still open leaves). Unknown members are refused.
public enum MilestoneRequestValidator {
    static let members: Set<String> = ["eventID", "type", "occurredAt", "carrier", "trackingNumber", "reason", "lines"]
    static let lineMembers: Set<String> = ["lineNumber", "quantity"]
    /// The most units one line may carry (inventory's bound).
    public static let maximumQuantity = 1_000_000_000

    public static func validate(_ body: JSONValue) throws(InvalidRequest) -> MilestoneRequest {
        guard let object = body.objectValue else {
            throw InvalidRequest(violations: [FieldViolation(pointer: "", detail: "the body must be a JSON object, not \(body.typeName)")])
        }
        var violations: [FieldViolation] = []
        for name in object.keys.sorted() where !members.contains(name) {
            violations.append(FieldViolation(pointer: "/\(JSONPointer.escape(name))", detail: "unknown member; allowed: \(members.sorted().joined(separator: ", "))"))
        }
        let eventID = text(object["eventID"], at: "/eventID", required: true, maximumLength: 200, into: &violations)
        var kind: MilestoneKind?
        if let name = text(object["type"], at: "/type", required: true, maximumLength: 40, into: &violations) {
            kind = MilestoneKind(rawValue: name)
            if kind == nil {
                violations.append(FieldViolation(pointer: "/type", detail: "\"\(name)\" is not one of \(MilestoneKind.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        var occurredAt: Date?
        if let stamp = text(object["occurredAt"], at: "/occurredAt", required: true, maximumLength: 64, into: &violations) {
            do {
                occurredAt = StableJSON.roundedToMilliseconds(try StableJSON.date(from: stamp))
            } catch {
                violations.append(FieldViolation(pointer: "/occurredAt", detail: "must be an ISO 8601 timestamp with an offset, e.g. 2026-11-27T14:01:02Z"))
            }
        }
        let carrier = text(object["carrier"], at: "/carrier", required: false, maximumLength: 100, into: &violations)
        let trackingNumber = text(object["trackingNumber"], at: "/trackingNumber", required: false, maximumLength: 100, into: &violations)
        let reason = text(object["reason"], at: "/reason", required: kind == .exception, maximumLength: 1000, into: &violations)
        var lines: [MilestoneRequest.Line]?
        if let value = object["lines"], value != .null {
            if kind != nil && kind != .dispatched {
                violations.append(FieldViolation(pointer: "/lines", detail: "only a dispatched event carries lines"))
            } else {
                lines = dispatchLines(value, into: &violations)
            }
        }
        guard violations.isEmpty, let eventID, let kind, let occurredAt else { throw InvalidRequest(violations: violations) }
        return MilestoneRequest(eventID: eventID, kind: kind, occurredAt: occurredAt, carrier: carrier, trackingNumber: trackingNumber,
                                reason: reason, lines: lines)
    }

    static func dispatchLines(_ value: JSONValue, into violations: inout [FieldViolation]) -> [MilestoneRequest.Line]? {
        guard let items = value.arrayValue, !items.isEmpty else {
            violations.append(FieldViolation(pointer: "/lines", detail: "must be a non-empty array of {lineNumber, quantity}, or omitted to dispatch everything still open"))
            return nil
        }
        var lines: [MilestoneRequest.Line] = []
        var seen: Set<Int> = []
        for (index, item) in items.enumerated() {
            let base = "/lines/\(index)"
            guard let line = item.objectValue else {
                violations.append(FieldViolation(pointer: base, detail: "must be an object {lineNumber, quantity}"))
                continue
            }
            for name in line.keys.sorted() where !lineMembers.contains(name) {
                violations.append(FieldViolation(pointer: "\(base)/\(JSONPointer.escape(name))", detail: "unknown member; allowed: lineNumber, quantity"))
            }
            let number = integer(line["lineNumber"], at: "\(base)/lineNumber", range: 1...1_000_000, into: &violations)
            let quantity = integer(line["quantity"], at: "\(base)/quantity", range: 1...maximumQuantity, into: &violations)
            if let number, !seen.insert(number).inserted {
                violations.append(FieldViolation(pointer: "\(base)/lineNumber", detail: "line \(number) appears twice; send one entry per line"))
            }
            if let number, let quantity { lines.append(MilestoneRequest.Line(lineNumber: number, quantity: quantity)) }
        }
        return lines
    }

    static func text(_ value: JSONValue?, at pointer: String, required: Bool, maximumLength: Int, into violations: inout [FieldViolation]) -> String? {
        guard let value, value != .null else {
            if required { violations.append(FieldViolation(pointer: pointer, detail: "is required")) }
            return nil
        }
        guard let text = value.stringValue else {
            violations.append(FieldViolation(pointer: pointer, detail: "must be a string, not \(value.typeName)"))
            return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= maximumLength else {
            violations.append(FieldViolation(pointer: pointer, detail: "must be 1 to \(maximumLength) characters"))
            return nil
        }
        return trimmed
    }

    static func integer(_ value: JSONValue?, at pointer: String, range: ClosedRange<Int>, into violations: inout [FieldViolation]) -> Int? {
        guard let value, value != .null else {
            violations.append(FieldViolation(pointer: pointer, detail: "is required"))
            return nil
        }
        guard let whole = value.wholeNumberValue, range.contains(whole) else {
            violations.append(FieldViolation(pointer: pointer, detail: "must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return whole
    }
}
