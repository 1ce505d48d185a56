import Hummingbird

/// Answers a service's own routes with 503 (`Retry-After`) until start-up is done, so no request meets a schema
/// whose migrations are still pending. Requests no route matched pass through (and get their 404).
struct StartupGateMiddleware<Context: RequestContext>: RouterMiddleware {
    let gate: StartupGate

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.endpointPath == nil || gate.isOpen else {
            throw ProblemDetails.serviceUnavailable("The service is starting (\(gate.pendingStep)); try again shortly.")
        }
        return try await next(request, context)
    }
}
