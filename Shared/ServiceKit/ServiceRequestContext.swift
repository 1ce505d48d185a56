import Contracts
import Hummingbird
import Logging

/// The request context of every Wholesail HTTP route.
///
/// Besides Hummingbird's core storage it carries the request's correlation id (from `X-Correlation-ID` or
/// generated, see ``CorrelationIDMiddleware``; also in `logger`'s metadata as `correlation_id`), the W3C trace
/// context the request arrived with, and the body-size limit. Bodies decode with ``StableJSON`` and decoding
/// failures become 400 ``ProblemDetails`` with a JSON pointer; responses encode with ``StableJSON``.
public struct ServiceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The id that ties this request to its log lines and to the events it causes.
    public var correlationID: String
    /// The `traceparent` header, when the caller sent a valid one; continue it in the events you publish.
    public var traceParent: TraceParent?
    /// The largest request body accepted, in bytes (set by ``RequestBodyLimitMiddleware``).
    public var maxUploadSize: Int

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        correlationID = CorrelationID.generate()
        traceParent = nil
        maxUploadSize = ServiceRequestContext.defaultMaximumBodySize
    }

    /// 1 MiB: ample for any Wholesail request body.
    public static let defaultMaximumBodySize = 1 << 20

    public var requestDecoder: StableJSONRequestDecoder { StableJSONRequestDecoder() }
    public var responseEncoder: StableJSONResponseEncoder { StableJSONResponseEncoder() }
}
