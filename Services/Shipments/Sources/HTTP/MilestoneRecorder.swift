import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import Persistence
import ServiceKit

/// `POST /v1/shipments/{id}/events`: applies a warehouse or carrier milestone under the shipment's lock, records it
/// in the history, and announces dispatches, deliveries and exceptions (broker and webhooks) in the same transaction.
///
/// - The same event id with the same content: the first answer again, nothing changed (`Idempotent-Replayed: true`).
/// - The same event id with other content: 409, nothing changed.
/// - An illegal transition (delivered before dispatched, a dispatch when nothing is open): 409; units beyond the
///   allocation or unknown lines: 422 — nothing recorded.
/// - A late milestone: 200, recorded with `applied: false` and a note; the status stays.
struct MilestoneRecorder: Sendable {
    let store: ShipmentsStore
    let pool: PostgresPool

    func record(shipmentID: String, body: ByteBuffer) async throws -> Response {
        let json = try Self.json(body)
        let request: MilestoneRequest
        do {
            request = try MilestoneRequestValidator.validate(json)
        } catch {
            throw ProblemDetails.validationFailed(error.violations.map(Self.fieldError), detail: "The milestone has \(error.violations.count) invalid field(s); nothing was recorded.")
        }
        let requestHash = SHA256.hexDigest(try StableJSON.encode(request))
        let (answer, replayed) = try await pool.transaction { transaction -> (MilestoneAnswer, Bool) in
            guard let shipment = try await store.lock(shipmentID: shipmentID, in: transaction) else { throw ShipmentQueries.notFound(shipmentID) }
            if let earlier = try await store.milestone(shipmentID: shipmentID, eventID: request.eventID, in: transaction) {
                guard earlier.requestHash == requestHash else {
                    throw ProblemDetails(
                        type: "urn:wholesail:problem:milestone-event-id-reused", title: "Event id already used for another milestone", status: .conflict,
                        detail: "Shipment \(shipmentID) already has event \(request.eventID) with different content; nothing was changed. Send a new event id for a new milestone."
                    )
                }
                let history = try await store.history(shipmentID: shipmentID, in: transaction)
                return (MilestoneAnswer(milestone: ShipmentDocument.milestone(earlier), shipment: ShipmentDocument(shipment, history: history)), true)
            }
            let decision: MilestoneDecision
            switch Self.decide(shipment, request) {
            case .success(let decided): decision = decided
            case .failure(let refusal): throw Self.problem(refusal, shipmentID: shipmentID)
            }
            let note = try await apply(decision, request: request, to: shipment, in: transaction)
            try await store.recordMilestone(shipmentID: shipmentID, request: request, applied: note == nil, note: note, requestHash: requestHash, in: transaction)
            guard let updated = try await store.shipment(id: shipmentID, in: transaction) else { throw ShipmentQueries.notFound(shipmentID) }
            let history = try await store.history(shipmentID: shipmentID, in: transaction)
            guard let recorded = history.last(where: { $0.eventID == request.eventID }) else {
                throw ShipmentsStoreError.corrupt("milestone \(request.eventID) that was just recorded")
            }
            return (MilestoneAnswer(milestone: ShipmentDocument.milestone(recorded), shipment: ShipmentDocument(updated, history: history)), false)
        }
        var response = try StableJSONResponseEncoder.response(answer, status: .ok)
        if replayed { response.headers[.idempotentReplayed] = "true" }
        return response
    }

    /// Applies the decision; returns the note of a milestone kept as history only (nil when applied).
    private func apply(
        _ decision: MilestoneDecision, request: MilestoneRequest, to shipment: ShipmentRecord, in transaction: PostgresTransaction
    ) async throws -> String? {
        let carrier = request.carrier ?? shipment.carrier
        let trackingNumber = request.trackingNumber ?? shipment.trackingNumber
        switch decision {
        case .recordOnly(let note):
            return note
        case .exception:
            let reason = request.reason ?? "unspecified"
            try await store.update(shipmentID: shipment.id, status: shipment.status, carrier: carrier, trackingNumber: trackingNumber,
                                   exceptionReason: reason, in: transaction)
            let event = ShipmentException(shipmentID: shipment.id, orderID: shipment.orderID, warehouse: shipment.warehouse,
                                          status: shipment.status.rawValue, reason: reason, carrier: carrier, trackingNumber: trackingNumber,
                                          occurredAt: request.occurredAt)
            try await store.publish(try EventEnvelope(payload: event, correlationID: shipment.orderID), in: transaction)
            return nil
        case .advance(let status, let dispatch):
            // A forward milestone ends an earlier exception (the shipment moves again).
            try await store.update(shipmentID: shipment.id, status: status, carrier: carrier, trackingNumber: trackingNumber,
                                   exceptionReason: nil, in: transaction)
            if let dispatch {
                let number = try await store.dispatchCount(shipmentID: shipment.id, in: transaction) + 1
                let dispatchID = "\(shipment.id)-d\(number)"
                try await store.recordDispatch(dispatchID: dispatchID, shipmentID: shipment.id, lines: dispatch, carrier: carrier,
                                               trackingNumber: trackingNumber, at: request.occurredAt, in: transaction)
                let event = ShipmentDispatched(
                    shipmentID: shipment.id, dispatchID: dispatchID, orderID: shipment.orderID, warehouse: shipment.warehouse,
                    carrier: carrier, trackingNumber: trackingNumber,
                    lines: dispatch.map { ShipmentDispatched.Line(lineNumber: $0.lineNumber, sku: $0.sku, quantity: $0.quantity) },
                    dispatchedAt: request.occurredAt
                )
                let envelope = try EventEnvelope(payload: event, correlationID: shipment.orderID)
                try await store.publish(envelope, in: transaction)
                // The channel's own notification, in the same transaction and keyed by the same event id.
                try await store.channelFeeds.queueFulfillment(event, eventID: envelope.id.description, of: shipment, in: transaction)
            } else if status == .delivered {
                let event = ShipmentDelivered(shipmentID: shipment.id, orderID: shipment.orderID, warehouse: shipment.warehouse,
                                              deliveredAt: request.occurredAt)
                try await store.publish(try EventEnvelope(payload: event, correlationID: shipment.orderID), in: transaction)
            }
            return nil
        }
    }

    /// The policy's decision as a value (a typed `catch` inside the transaction closure is not inferred).
    static func decide(_ shipment: ShipmentRecord, _ request: MilestoneRequest) -> Result<MilestoneDecision, MilestoneRefusal> {
        do {
            return .success(try MilestonePolicy.decide(status: shipment.status, lines: shipment.lines, request: request))
        } catch {
            return .failure(error)
        }
    }

    static func json(_ body: ByteBuffer) throws -> JSONValue {
        do {
            return try JSONValue(data: Data(body.readableBytesView))
        } catch {
            throw ProblemDetails.invalidRequestBody("The body is not valid JSON; send the milestone as a JSON object.", errors: [.init(pointer: "", detail: "not valid JSON")])
        }
    }

    static func fieldError(_ violation: FieldViolation) -> ProblemDetails.FieldError {
        ProblemDetails.FieldError(pointer: violation.pointer, detail: violation.detail)
    }

    static func problem(_ refusal: MilestoneRefusal, shipmentID: String) -> ProblemDetails {
        switch refusal {
        case .notDispatched, .nothingLeftToDispatch:
            ProblemDetails(
                type: "urn:wholesail:problem:illegal-shipment-transition", title: "Milestone not allowed now", status: .conflict,
                detail: "Shipment \(shipmentID): \(refusal.description); nothing was recorded."
            )
        case .invalidDispatchLines(let violations):
            ProblemDetails.validationFailed(violations.map(fieldError), detail: "Shipment \(shipmentID): the dispatch does not fit the shipment; nothing was recorded.")
        }
    }
}
