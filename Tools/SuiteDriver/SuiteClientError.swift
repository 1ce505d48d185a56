import Contracts
import Foundation

/// Why a ``SuiteClient`` call failed: the service answered with an unexpected status (its problem document is kept),
/// could not be reached, or answered something that does not decode.
public enum SuiteClientError: Error, Sendable, CustomStringConvertible {
    /// The service answered `status`; `problem` is its RFC 9457 body when it sent JSON, `body` the raw text.
    case unexpectedStatus(request: String, status: Int, problem: JSONValue?, body: String)
    /// No answer: connection refused, timeout, or a transport error.
    case unreachable(request: String, reason: String)
    /// The answer's body does not have the shape this client expects (a contract drift between client and service).
    case undecodable(request: String, reason: String, body: String)
    /// The request itself could not be built (a path or body that cannot be encoded).
    case invalidRequest(request: String, reason: String)

    /// The HTTP status when the service answered with an unexpected one.
    public var status: Int? {
        guard case .unexpectedStatus(_, let status, _, _) = self else { return nil }
        return status
    }

    /// The problem document's `type` (e.g. `urn:wholesail:problem:validation-failed`), when there is one.
    public var problemType: String? {
        guard case .unexpectedStatus(_, _, let problem, _) = self else { return nil }
        return problem?["type"]?.stringValue
    }

    public var description: String {
        switch self {
        case .unexpectedStatus(let request, let status, _, let body):
            "\(request) answered \(status): \(body.prefix(800))"
        case .unreachable(let request, let reason):
            "\(request) got no answer (\(reason)); is the service running and ready (GET /health/ready)?"
        case .undecodable(let request, let reason, let body):
            "\(request) answered a body this client cannot read (\(reason)); the service and SuiteDriver disagree on the contract: \(body.prefix(800))"
        case .invalidRequest(let request, let reason):
            "\(request) could not be sent: \(reason)"
        }
    }
}
