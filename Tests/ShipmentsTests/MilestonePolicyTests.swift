import Foundation
import Shipments
import Testing

/// The shipment state machine, without servers.
@Suite("MilestonePolicy: which milestone moves a shipment where")
struct MilestonePolicyTests {
    static let lines = [
        ShipmentLineState(lineNumber: 1, sku: "BOLT", quantity: 10),
        ShipmentLineState(lineNumber: 2, sku: "NUT", quantity: 5),
    ]

    private func request(_ kind: MilestoneKind, lines: [MilestoneRequest.Line]? = nil, reason: String? = nil) -> MilestoneRequest {
        MilestoneRequest(eventID: "e-1", kind: kind, occurredAt: Date(timeIntervalSince1970: 1_800_000_000), reason: reason, lines: lines)
    }

    private func decide(_ status: ShipmentStatus, _ request: MilestoneRequest, lines: [ShipmentLineState] = lines) throws -> MilestoneDecision {
        try MilestonePolicy.decide(status: status, lines: lines, request: request)
    }

    @Test("picked then packed move a created shipment forward")
    func pickedAndPackedAdvance() throws {
        #expect(try decide(.created, request(.picked)) == .advance(to: .picked, dispatch: nil))
        #expect(try decide(.picked, request(.packed)) == .advance(to: .packed, dispatch: nil))
    }

    @Test("a dispatch of every open unit makes the shipment dispatched, skipping picked and packed")
    func fullDispatch() throws {
        let decision = try decide(.created, request(.dispatched))
        #expect(decision == .advance(to: .dispatched, dispatch: [.init(lineNumber: 1, sku: "BOLT", quantity: 10), .init(lineNumber: 2, sku: "NUT", quantity: 5)]))
    }

    @Test("a partial dispatch leaves the remainder open")
    func partialDispatch() throws {
        let decision = try decide(.packed, request(.dispatched, lines: [.init(lineNumber: 1, quantity: 4)]))
        #expect(decision == .advance(to: .partiallyDispatched, dispatch: [.init(lineNumber: 1, sku: "BOLT", quantity: 4)]))
    }

    @Test("dispatching the remainder after a partial dispatch completes it")
    func remainderCompletesDispatch() throws {
        let partly = [ShipmentLineState(lineNumber: 1, sku: "BOLT", quantity: 10, dispatchedQuantity: 4), ShipmentLineState(lineNumber: 2, sku: "NUT", quantity: 5, dispatchedQuantity: 5)]
        let decision = try decide(.partiallyDispatched, request(.dispatched, lines: [.init(lineNumber: 1, quantity: 6)]), lines: partly)
        #expect(decision == .advance(to: .dispatched, dispatch: [.init(lineNumber: 1, sku: "BOLT", quantity: 6)]))
    }

    @Test("more units than are open are refused, naming the line's pointer")
    func beyondAllocationRefused() throws {
        #expect {
            try decide(.created, request(.dispatched, lines: [.init(lineNumber: 2, quantity: 6)]))
        } throws: { error in
            guard case MilestoneRefusal.invalidDispatchLines(let violations) = error else { return false }
            return violations.map(\.pointer) == ["/lines/0/quantity"]
        }
    }

    @Test("a line the shipment does not have is refused")
    func unknownLineRefused() throws {
        #expect {
            try decide(.created, request(.dispatched, lines: [.init(lineNumber: 9, quantity: 1)]))
        } throws: { error in
            guard case MilestoneRefusal.invalidDispatchLines(let violations) = error else { return false }
            return violations.map(\.pointer) == ["/lines/0/lineNumber"]
        }
    }

    @Test("a dispatch when every unit has left is refused")
    func nothingLeftRefused() throws {
        let shipped = Self.lines.map { line in var line = line; line.dispatchedQuantity = line.quantity; return line }
        #expect(throws: MilestoneRefusal.nothingLeftToDispatch) { try decide(.dispatched, request(.dispatched), lines: shipped) }
    }

    @Test("delivered before dispatched is refused", arguments: [ShipmentStatus.created, .picked, .packed])
    func deliveredBeforeDispatchRefused(status: ShipmentStatus) throws {
        #expect(throws: MilestoneRefusal.notDispatched(.delivered, status: status)) { try decide(status, request(.delivered)) }
    }

    @Test("in transit before dispatched is refused")
    func inTransitBeforeDispatchRefused() throws {
        #expect(throws: MilestoneRefusal.notDispatched(.inTransit, status: .packed)) { try decide(.packed, request(.inTransit)) }
    }

    @Test("in transit and delivered follow a full dispatch")
    func deliveryAfterDispatch() throws {
        #expect(try decide(.dispatched, request(.inTransit)) == .advance(to: .inTransit, dispatch: nil))
        #expect(try decide(.inTransit, request(.delivered)) == .advance(to: .delivered, dispatch: nil))
        #expect(try decide(.dispatched, request(.delivered)) == .advance(to: .delivered, dispatch: nil))
    }

    @Test("delivered while part of the shipment is still at the warehouse is history only")
    func deliveredDuringPartialIsRecordOnly() throws {
        guard case .recordOnly = try decide(.partiallyDispatched, request(.delivered)) else {
            Issue.record("a partly dispatched shipment must not become delivered")
            return
        }
    }

    @Test("a late milestone never moves the status backwards", arguments: [
        (ShipmentStatus.packed, MilestoneKind.picked), (.dispatched, .packed), (.inTransit, .picked), (.delivered, .inTransit), (.delivered, .delivered),
    ])
    func lateMilestoneIsRecordOnly(status: ShipmentStatus, kind: MilestoneKind) throws {
        guard case .recordOnly(let note) = try decide(status, request(kind)) else {
            Issue.record("\(kind) after \(status) must be kept as history only")
            return
        }
        #expect(note.contains(status.rawValue))
    }

    @Test("an exception is recorded at any status and changes nothing", arguments: ShipmentStatus.allCases)
    func exceptionAnyTime(status: ShipmentStatus) throws {
        #expect(try decide(status, request(.exception, reason: "damaged")) == .exception)
    }

    @Test("statuses are ordered by progress")
    func statusOrder() {
        #expect(ShipmentStatus.allCases.sorted() == [.created, .picked, .packed, .partiallyDispatched, .dispatched, .inTransit, .delivered])
        #expect(!ShipmentStatus.packed.hasDispatched)
        #expect(ShipmentStatus.partiallyDispatched.hasDispatched)
    }
}
