import Hummingbird

/// Caps request bodies: sets the context's `maxUploadSize` (which body decoding enforces while reading) and
/// answers 413 at once when `Content-Length` already announces more.
public struct RequestBodyLimitMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext

    /// The largest body accepted, in bytes.
    public let maximumBytes: Int

    public init(maximumBytes: Int) {
        self.maximumBytes = max(0, maximumBytes)
    }

    public func handle(
        _ request: Request,
        context: ServiceRequestContext,
        next: (Request, ServiceRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.maxUploadSize = maximumBytes
        if let announced = request.headers[.contentLength].flatMap(Int.init), announced > maximumBytes {
            throw ProblemDetails.contentTooLarge(maximumBytes: maximumBytes)
        }
        return try await next(request, context)
    }
}
