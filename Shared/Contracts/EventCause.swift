/// What a new event inherits from the event that caused it: correlation, causation and trace.
///
/// Both ``EventEnvelope`` and ``EventEnvelopeHeader`` conform, so a handler can pass whichever it has to
/// `EventEnvelope(payload:causedBy:)`.
public protocol EventCause: Sendable {
    /// The causing event's id; becomes the new event's `causationID`.
    var id: EventID { get }
    /// The business key shared by every event of one flow (e.g. the order id).
    var correlationID: String { get }
    /// The causing event's trace context; the new event continues the same trace.
    var traceContext: TraceParent { get }
}
