/// One step's answer so far.
public enum StepState: Sendable, Hashable {
    case pending
    case approved
    case rejected(code: String, detail: String)
}
