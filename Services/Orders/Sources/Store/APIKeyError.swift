/// A refused API key command.
public enum APIKeyError: Error, Sendable, CustomStringConvertible {
    case invalidChannel(String)

    public var description: String {
        switch self {
        case .invalidChannel(let channel): "channel \"\(channel)\" must have 1 to 64 letters, digits and - _ . :"
        }
    }
}
