import Contracts
import Foundation

/// Checks a `POST /v1/returns/{rma}/receipts` body and reports every problem at once, each with its JSON pointer.
///
/// ```json
/// {"receiptID": "wms-rcv-5512", "warehouse": "HAM", "receivedAt": "2026-12-10T09:30:00Z",
///  "lines": [{"lineNumber": 1, "quantity": 3, "condition": "resalable"},
///            {"lineNumber": 1, "quantity": 1, "condition": "damaged"}]}
/// ```
/// A line may appear once per condition. `receivedAt` is optional (default: now).
public enum ReturnReceiptValidator {
    static let members: Set<String> = ["receiptID", "warehouse", "receivedAt", "lines"]
    static let lineMembers: Set<String> = ["lineNumber", "quantity", "condition"]

    public static func validate(_ body: JSONValue) throws(InvalidRequest) -> ReturnReceiptRequest {
        guard let object = body.objectValue else {
            throw InvalidRequest(violations: [FieldViolation(pointer: "", detail: "the body must be a JSON object, not \(body.typeName)")])
        }
        var violations: [FieldViolation] = []
        for name in object.keys.sorted() where !members.contains(name) {
            violations.append(FieldViolation(pointer: "/\(JSONPointer.escape(name))", detail: "unknown member; allowed: \(members.sorted().joined(separator: ", "))"))
        }
        let receiptID = MilestoneRequestValidator.text(object["receiptID"], at: "/receiptID", required: true, maximumLength: 200, into: &violations)
        let warehouse = MilestoneRequestValidator.text(object["warehouse"], at: "/warehouse", required: true, maximumLength: 64, into: &violations)
        var receivedAt: Date?
        if let stamp = MilestoneRequestValidator.text(object["receivedAt"], at: "/receivedAt", required: false, maximumLength: 64, into: &violations) {
            do {
                receivedAt = StableJSON.roundedToMilliseconds(try StableJSON.date(from: stamp))
            } catch {
                violations.append(FieldViolation(pointer: "/receivedAt", detail: "must be an ISO 8601 timestamp with an offset, e.g. 2026-12-10T09:30:00Z"))
            }
        }
        var lines: [ReturnReceiptRequest.Line] = []
        if let items = object["lines"]?.arrayValue, !items.isEmpty {
            var seen: Set<String> = []
            for (index, item) in items.enumerated() {
                let base = "/lines/\(index)"
                guard let line = item.objectValue else {
                    violations.append(FieldViolation(pointer: base, detail: "must be an object {lineNumber, quantity, condition}"))
                    continue
                }
                for name in line.keys.sorted() where !lineMembers.contains(name) {
                    violations.append(FieldViolation(pointer: "\(base)/\(JSONPointer.escape(name))", detail: "unknown member; allowed: condition, lineNumber, quantity"))
                }
                let number = MilestoneRequestValidator.integer(line["lineNumber"], at: "\(base)/lineNumber", range: 1...1_000_000, into: &violations)
                let quantity = MilestoneRequestValidator.integer(line["quantity"], at: "\(base)/quantity", range: 1...MilestoneRequestValidator.maximumQuantity, into: &violations)
                var condition: ReturnReceived.Condition?
                if let name = MilestoneRequestValidator.text(line["condition"], at: "\(base)/condition", required: true, maximumLength: 40, into: &violations) {
                    condition = ReturnReceived.Condition(rawValue: name)
                    if condition == nil {
                        violations.append(FieldViolation(pointer: "\(base)/condition", detail: "\"\(name)\" is not one of resalable, damaged"))
                    }
                }
                if let number, let condition, !seen.insert("\(number) \(condition.rawValue)").inserted {
                    violations.append(FieldViolation(pointer: base, detail: "line \(number) appears twice as \(condition.rawValue); send one entry per line and condition"))
                }
                if let number, let quantity, let condition {
                    lines.append(ReturnReceiptRequest.Line(lineNumber: number, quantity: quantity, condition: condition))
                }
            }
        } else {
            violations.append(FieldViolation(pointer: "/lines", detail: "must be a non-empty array of {lineNumber, quantity, condition}"))
        }
        guard violations.isEmpty, let receiptID, let warehouse else { throw InvalidRequest(violations: violations) }
        return ReturnReceiptRequest(receiptID: receiptID, warehouse: warehouse, lines: lines, receivedAt: receivedAt)
    }
}
