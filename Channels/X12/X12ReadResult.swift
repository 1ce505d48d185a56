/// The outcome of `X12Reader.read`: an interchange (which may carry errors per level), or an
/// envelope failure when not even the ISA header could be read.
public enum X12ReadResult: Sendable, Hashable {
    /// The interchange, with problems collected per level.
    case interchange(X12Interchange)
    /// The ISA header could not be read; nothing else was.
    case envelopeFailure(X12EnvelopeFailure)

    /// The interchange, or `nil` for an envelope failure.
    public var interchange: X12Interchange? {
        if case .interchange(let interchange) = self { return interchange }
        return nil
    }

    /// The envelope failure, or `nil` when an interchange was read.
    public var envelopeFailure: X12EnvelopeFailure? {
        if case .envelopeFailure(let failure) = self { return failure }
        return nil
    }
}
