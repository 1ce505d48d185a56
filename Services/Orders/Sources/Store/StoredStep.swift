/// One step of an order as stored: its state and the deciding event's payload (JSON), if it answered.
public struct StoredStep: Sendable, Hashable {
    public var state: StepState
    public var result: String?
    public var attempts: Int
}
