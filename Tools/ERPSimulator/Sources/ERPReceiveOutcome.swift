/// What became of one post to the simulated ERP (see ``ERPSimulatorState/receive(kind:idempotencyKeys:body:)``).
public enum ERPReceiveOutcome: Sendable, Hashable {
    /// A new document was recorded (HTTP `201`).
    case created(ERPReceipt)
    /// The key was known: no new document, the original number (HTTP `200`). `conflictingBody` is true when
    /// the body differs from the first delivery's.
    case duplicate(ERPReceipt, conflictingBody: Bool)
    /// The request was malformed (HTTP `400`); nothing recorded.
    case rejected(ERPRequestRejection)
    /// The `outage` knob is on (HTTP `503` with `Retry-After`); nothing recorded.
    case unavailable(retryAfter: Duration)
    /// The `errorRatePercent` knob chose this request to fail (HTTP `500`); nothing recorded.
    case failedByErrorRate(errorRatePercent: Int)

    /// The receipt, when the post was accepted (new or duplicate).
    public var receipt: ERPReceipt? {
        switch self {
        case .created(let receipt), .duplicate(let receipt, _): receipt
        case .rejected, .unavailable, .failedByErrorRate: nil
        }
    }
}
