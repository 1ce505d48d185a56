import Contracts
import Foundation
import Shipments
import Testing

@Suite("Milestone and return receipt validation")
struct RequestValidatorTests {
    private func json(_ text: String) throws -> JSONValue { try JSONValue(data: Data(text.utf8)) }

    private func pointers(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let invalid as InvalidRequest {
            return invalid.violations.map(\.pointer)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test("a dispatch with carrier, tracking number and lines is read as sent")
    func validDispatch() throws {
        let request = try MilestoneRequestValidator.validate(json(
            #"{"eventID": "wms-1", "type": "dispatched", "occurredAt": "2026-11-27T15:01:02+01:00", "carrier": "DHL", "trackingNumber": "0034", "lines": [{"lineNumber": 2, "quantity": 3}]}"#
        ))
        #expect(request.kind == .dispatched)
        #expect(request.lines == [.init(lineNumber: 2, quantity: 3)])
        #expect(request.occurredAt == StableJSON.date(unixMilliseconds: 1_795_788_062_000))
        #expect(request.carrier == "DHL")
    }

    @Test("an exception needs a reason")
    func exceptionNeedsReason() {
        #expect(pointers { _ = try MilestoneRequestValidator.validate(try json(#"{"eventID": "e", "type": "exception", "occurredAt": "2026-11-27T14:00:00Z"}"#)) } == ["/reason"])
    }

    @Test("lines on anything but a dispatch are refused")
    func linesOnlyOnDispatch() {
        #expect(pointers {
            _ = try MilestoneRequestValidator.validate(try json(#"{"eventID": "e", "type": "packed", "occurredAt": "2026-11-27T14:00:00Z", "lines": [{"lineNumber": 1, "quantity": 1}]}"#))
        } == ["/lines"])
    }

    @Test("every bad dispatch line is reported: zero, fractions, repeats, unknown members")
    func badDispatchLines() {
        let found = pointers {
            _ = try MilestoneRequestValidator.validate(try json(
                #"{"eventID": "e", "type": "dispatched", "occurredAt": "2026-11-27T14:00:00Z", "lines": [{"lineNumber": 1, "quantity": 0}, {"lineNumber": 2, "quantity": 1.5}, {"lineNumber": 3, "quantity": 1, "sku": "X"}, {"lineNumber": 3, "quantity": 1}]}"#
            ))
        }
        #expect(found == ["/lines/0/quantity", "/lines/1/quantity", "/lines/2/sku", "/lines/3/lineNumber"])
    }

    @Test("a timestamp without an offset is refused")
    func timestampNeedsOffset() {
        #expect(pointers { _ = try MilestoneRequestValidator.validate(try json(#"{"eventID": "e", "type": "picked", "occurredAt": "2026-11-27T14:00:00"}"#)) } == ["/occurredAt"])
    }

    @Test("a body that is not an object is refused as a whole")
    func notAnObject() {
        #expect(pointers { _ = try MilestoneRequestValidator.validate(try json("[1]")) } == [""])
    }

    @Test("a receipt line may appear once per condition")
    func receiptLinePerCondition() throws {
        let request = try ReturnReceiptValidator.validate(json(
            #"{"receiptID": "r", "warehouse": "HAM", "lines": [{"lineNumber": 1, "quantity": 3, "condition": "resalable"}, {"lineNumber": 1, "quantity": 1, "condition": "damaged"}]}"#
        ))
        #expect(request.lines.count == 2)
        #expect(request.receivedAt == nil)
        #expect(pointers {
            _ = try ReturnReceiptValidator.validate(try json(
                #"{"receiptID": "r", "warehouse": "HAM", "lines": [{"lineNumber": 1, "quantity": 3, "condition": "damaged"}, {"lineNumber": 1, "quantity": 1, "condition": "damaged"}]}"#
            ))
        } == ["/lines/1"])
    }

    @Test("a receipt needs an id, a warehouse, lines and known conditions")
    func receiptRequiredFields() {
        #expect(pointers {
            _ = try ReturnReceiptValidator.validate(try json(#"{"lines": [{"lineNumber": 1, "quantity": 1, "condition": "broken"}]}"#))
        } == ["/receiptID", "/warehouse", "/lines/0/condition"])
    }
}
