import Contracts
import Foundation
import HTTPTypes
import Hummingbird

/// An RFC 9457 problem: the one shape every Wholesail HTTP error takes, served as `application/problem+json`.
///
/// Throw it from a route (it is an `HTTPResponseError`) or let ``ProblemDetailsMiddleware`` turn any other error
/// into one. Clients branch on ``type`` (a stable URI), show ``title``, and find field-level validation failures in
/// ``errors`` as JSON pointers into the request body:
///
/// ```json
/// {"type":"urn:wholesail:problem:invalid-request-body","title":"The request body is invalid","status":400,
///  "detail":"Expected to decode Int but found a string instead.",
///  "errors":[{"pointer":"/lines/0/quantity","detail":"Expected to decode Int but found a string instead."}]}
/// ```
///
/// Members beyond RFC 9457's five are extension members: ``errors``, `retryAfter` (seconds, also sent as the
/// `Retry-After` header) and anything in ``extensions``.
public struct ProblemDetails: Error, HTTPResponseError, Sendable, Hashable, CustomStringConvertible {
    /// One invalid field of a request: where (a JSON pointer into the body, `""` for the whole body) and why.
    public struct FieldError: Codable, Sendable, Hashable {
        public var pointer: String
        public var detail: String

        public init(pointer: String, detail: String) {
            self.pointer = pointer
            self.detail = detail
        }
    }

    /// The media type of a problem document.
    public static let mediaType = "application/problem+json"

    /// A URI naming the kind of problem; `about:blank` when the status code says it all.
    public var type: String
    /// A short summary of the kind of problem, the same for every occurrence.
    public var title: String
    public var status: HTTPResponse.Status
    /// What went wrong this time, for a human; never internals.
    public var detail: String?
    /// A URI reference for this occurrence.
    public var instance: String?
    /// Field-level validation failures.
    public var errors: [FieldError]
    /// When to try again (503, 429); sent as `Retry-After` (whole seconds, rounded up) and `retryAfter`.
    public var retryAfter: Duration?
    /// Further members of the document, e.g. `"maximumBytes": 1048576`.
    public var extensions: [String: JSONValue]
    /// Headers sent with the problem (e.g. `Allow` with a 405); not part of the document.
    public var headers: HTTPFields

    /// - Parameters:
    ///   - type: a URI for the kind of problem; services use `urn:wholesail:problem:<kebab-case-name>`.
    ///   - title: defaults to the status's reason phrase.
    public init(
        type: String = "about:blank",
        title: String? = nil,
        status: HTTPResponse.Status,
        detail: String? = nil,
        instance: String? = nil,
        errors: [FieldError] = [],
        retryAfter: Duration? = nil,
        extensions: [String: JSONValue] = [:],
        headers: HTTPFields = [:]
    ) {
        self.type = type
        self.title = title ?? Self.reasonPhrase(status)
        self.status = status
        self.detail = detail
        self.instance = instance
        self.errors = errors
        self.retryAfter = retryAfter
        self.extensions = extensions
        self.headers = headers
    }

    public var description: String {
        "ProblemDetails(\(status.code) \(title)\(detail.map { ": \($0)" } ?? ""))"
    }

    // MARK: Well-known problems

    /// The body could not be read as the expected JSON (400).
    public static func invalidRequestBody(_ detail: String, errors: [FieldError] = []) -> ProblemDetails {
        ProblemDetails(
            type: "urn:wholesail:problem:invalid-request-body", title: "The request body is invalid",
            status: .badRequest, detail: detail, errors: errors
        )
    }

    /// The body was well-formed but its values break the rules (422).
    public static func validationFailed(_ errors: [FieldError], detail: String? = nil) -> ProblemDetails {
        ProblemDetails(
            type: "urn:wholesail:problem:validation-failed", title: "The request is not valid",
            status: .unprocessableContent,
            detail: detail ?? (errors.count == 1 ? errors[0].detail : "\(errors.count) fields are invalid"),
            errors: errors
        )
    }

    /// The body is larger than the service accepts (413).
    public static func contentTooLarge(maximumBytes: Int) -> ProblemDetails {
        ProblemDetails(
            type: "urn:wholesail:problem:content-too-large", title: "The request body is too large",
            status: .contentTooLarge, detail: "The request body exceeds the limit of \(maximumBytes) bytes.",
            extensions: ["maximumBytes": .number(Decimal(maximumBytes))]
        )
    }

    /// The body is not JSON (415).
    public static func unsupportedMediaType(_ found: String) -> ProblemDetails {
        ProblemDetails(
            type: "urn:wholesail:problem:unsupported-media-type", title: "The request body must be JSON",
            status: .unsupportedMediaType,
            detail: "Content-Type \(found) is not supported; send application/json.",
            headers: [.accept: "application/json"]
        )
    }

    /// The path exists but not with this method (405); `Allow` lists the methods it has.
    public static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> ProblemDetails {
        let allowList = allowed.map(\.rawValue).joined(separator: ", ")
        return ProblemDetails(
            status: .methodNotAllowed,
            detail: "\(method.rawValue) is not supported here; use \(allowList).",
            headers: [.allow: allowList]
        )
    }

    /// A dependency (database, broker) is unavailable for now (503).
    public static func serviceUnavailable(_ detail: String, retryAfter: Duration = .seconds(1)) -> ProblemDetails {
        ProblemDetails(
            type: "urn:wholesail:problem:service-unavailable", title: "The service is temporarily unavailable",
            status: .serviceUnavailable, detail: detail, retryAfter: retryAfter
        )
    }

    /// Something failed that the client can do nothing about (500); the detail reveals no internals.
    public static func internalError() -> ProblemDetails {
        ProblemDetails(
            status: .internalServerError,
            detail: "An unexpected error occurred. If it persists, report it with the correlation id."
        )
    }

    // MARK: Response

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = Self.mediaType
        if let retryAfter {
            headers[.retryAfter] = String(Self.wholeSecondsRoundedUp(retryAfter))
        }
        let body = try StableJSON.encode(self)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func wholeSecondsRoundedUp(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(0, attoseconds > 0 ? seconds + 1 : seconds)
    }

    static func reasonPhrase(_ status: HTTPResponse.Status) -> String {
        if !status.reasonPhrase.isEmpty { return status.reasonPhrase }
        let phrases = [
            400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
            406: "Not Acceptable", 409: "Conflict", 410: "Gone", 412: "Precondition Failed", 413: "Content Too Large",
            415: "Unsupported Media Type", 422: "Unprocessable Content", 428: "Precondition Required",
            429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
            503: "Service Unavailable", 504: "Gateway Timeout",
        ]
        return phrases[status.code] ?? "HTTP \(status.code)"
    }
}

extension ProblemDetails: Codable {
    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Members RFC 9457 or this type define; an extension member of the same name is not encoded.
    static let reservedMembers: Set<String> = ["type", "title", "status", "detail", "instance", "errors", "retryAfter"]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let status = HTTPResponse.Status(code: try container.decode(Int.self, forKey: Key("status")))
        var extensions: [String: JSONValue] = [:]
        for key in container.allKeys where !Self.reservedMembers.contains(key.stringValue) {
            extensions[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        self.init(
            type: try container.decodeIfPresent(String.self, forKey: Key("type")) ?? "about:blank",
            title: try container.decodeIfPresent(String.self, forKey: Key("title")),
            status: status,
            detail: try container.decodeIfPresent(String.self, forKey: Key("detail")),
            instance: try container.decodeIfPresent(String.self, forKey: Key("instance")),
            errors: try container.decodeIfPresent([FieldError].self, forKey: Key("errors")) ?? [],
            retryAfter: try container.decodeIfPresent(Int64.self, forKey: Key("retryAfter")).map { .seconds($0) },
            extensions: extensions
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(type, forKey: Key("type"))
        try container.encode(title, forKey: Key("title"))
        try container.encode(status.code, forKey: Key("status"))
        try container.encodeIfPresent(detail, forKey: Key("detail"))
        try container.encodeIfPresent(instance, forKey: Key("instance"))
        if !errors.isEmpty {
            try container.encode(errors, forKey: Key("errors"))
        }
        if let retryAfter {
            try container.encode(Self.wholeSecondsRoundedUp(retryAfter), forKey: Key("retryAfter"))
        }
        for (name, value) in extensions where !Self.reservedMembers.contains(name) {
            try container.encode(value, forKey: Key(name))
        }
    }
}
