/// The shipment state machine: which milestone moves a shipment where.
///
/// - `created → picked → packed → (partially_)dispatched → in_transit → delivered`; picked and packed may be skipped
///   (not every WMS reports them).
/// - A dispatch carries quantities per line; units beyond what is still open are refused. A partial dispatch leaves
///   the remainder open (`partially_dispatched`), and the shipment is `dispatched` once every unit has left.
/// - In transit and delivered need a dispatch first (refused otherwise). While part of a shipment is still at the
///   warehouse they are recorded only: the shipment is delivered once all of it has been.
/// - A milestone behind the current status (a late `picked` after `dispatched`, a second `delivered`) is recorded
///   in the history and changes nothing.
/// - An exception is recorded and announced at any time; it does not change the status.
public enum MilestonePolicy {
    public static func decide(
        status: ShipmentStatus, lines: [ShipmentLineState], request: MilestoneRequest
    ) throws(MilestoneRefusal) -> MilestoneDecision {
        switch request.kind {
        case .picked:
            return forward(from: status, to: .picked, kind: request.kind)
        case .packed:
            return forward(from: status, to: .packed, kind: request.kind)
        case .dispatched:
            let dispatch = try dispatchLines(lines, request: request.lines)
            let remaining = lines.reduce(0) { $0 + $1.openQuantity } - dispatch.reduce(0) { $0 + $1.quantity }
            if remaining > 0 {
                return .advance(to: max(status, .partiallyDispatched), dispatch: dispatch)
            }
            return .advance(to: max(status, .dispatched), dispatch: dispatch)
        case .inTransit, .delivered:
            let target: ShipmentStatus = request.kind == .inTransit ? .inTransit : .delivered
            guard status.hasDispatched else { throw .notDispatched(request.kind, status: status) }
            if status == .partiallyDispatched {
                return .recordOnly(note: "part of the shipment is still at the warehouse; it becomes \(target.rawValue) once every unit has been dispatched and reported")
            }
            return forward(from: status, to: target, kind: request.kind)
        case .exception:
            return .exception
        }
    }

    private static func forward(from status: ShipmentStatus, to target: ShipmentStatus, kind: MilestoneKind) -> MilestoneDecision {
        guard status < target else {
            return .recordOnly(note: "late: the shipment is already \(status.rawValue), so \(kind.rawValue) is kept in the history only")
        }
        return .advance(to: target, dispatch: nil)
    }

    /// The units a dispatch takes: as asked, or everything still open when no lines were sent.
    private static func dispatchLines(
        _ lines: [ShipmentLineState], request: [MilestoneRequest.Line]?
    ) throws(MilestoneRefusal) -> [MilestoneDecision.DispatchLine] {
        guard lines.contains(where: { $0.openQuantity > 0 }) else { throw .nothingLeftToDispatch }
        guard let request else {
            return lines.filter { $0.openQuantity > 0 }.map { .init(lineNumber: $0.lineNumber, sku: $0.sku, quantity: $0.openQuantity) }
        }
        let byNumber = Dictionary(lines.map { ($0.lineNumber, $0) }, uniquingKeysWith: { first, _ in first })
        var violations: [FieldViolation] = []
        var dispatch: [MilestoneDecision.DispatchLine] = []
        for (index, line) in request.enumerated() {
            guard let shipmentLine = byNumber[line.lineNumber] else {
                let known = lines.map { String($0.lineNumber) }.joined(separator: ", ")
                violations.append(FieldViolation(pointer: "/lines/\(index)/lineNumber", detail: "the shipment has no line \(line.lineNumber) (its lines: \(known))"))
                continue
            }
            guard line.quantity <= shipmentLine.openQuantity else {
                violations.append(FieldViolation(
                    pointer: "/lines/\(index)/quantity",
                    detail: "\(line.quantity) unit(s) of line \(line.lineNumber) cannot leave: \(shipmentLine.openQuantity) of \(shipmentLine.quantity) are still open"
                ))
                continue
            }
            dispatch.append(.init(lineNumber: line.lineNumber, sku: shipmentLine.sku, quantity: line.quantity))
        }
        guard violations.isEmpty else { throw .invalidDispatchLines(violations) }
        return dispatch.sorted { $0.lineNumber < $1.lineNumber }
    }
}
