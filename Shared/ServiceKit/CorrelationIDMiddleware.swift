import Contracts
import HTTPTypes
import Hummingbird

/// Gives every request a correlation id and puts it where it is needed.
///
/// Takes `X-Correlation-ID` when it holds 1–128 visible ASCII characters, generates one otherwise; stores it in
/// ``ServiceRequestContext/correlationID`` and in the request logger's metadata (`correlation_id`), and echoes it
/// in the response's `X-Correlation-ID`. Also picks up a valid W3C `traceparent`. Install it outermost, so error
/// responses and their log lines carry the id too.
public struct CorrelationIDMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext

    public init() {}

    public func handle(
        _ request: Request,
        context: ServiceRequestContext,
        next: (Request, ServiceRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let correlationID = CorrelationID.accept(request.headers[HTTPField.Name.correlationID])
        context.correlationID = correlationID
        context.logger[metadataKey: "correlation_id"] = .string(correlationID)
        if let traceparent = request.headers[HTTPField.Name.traceparent] {
            context.traceParent = TraceParent(traceparent)
        }
        var response = try await next(request, context)
        response.headers[HTTPField.Name.correlationID] = correlationID
        return response
    }
}

extension HTTPField.Name {
    /// `X-Correlation-ID`.
    static let correlationID = HTTPField.Name(CorrelationID.headerName)!
    /// W3C trace context.
    static let traceparent = HTTPField.Name("traceparent")!
}
