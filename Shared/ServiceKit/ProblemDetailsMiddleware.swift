import Contracts
import Hummingbird
import Logging
import Persistence

/// Turns every error a route throws into an RFC 9457 `application/problem+json` response.
///
/// - ``ProblemDetails``: served as it is.
/// - Hummingbird's `HTTPError` and other `HTTPResponseError`s: a problem with their status (unknown route 404,
///   413 for a body over the limit), `HTTPError`'s message as the detail and its headers kept.
/// - PostgreSQL unreachable or the pool exhausted: 503 with `Retry-After`, logged as a warning.
/// - Anything else: 500 with a generic detail — no internals reach the client — and the error logged with the
///   request's correlation id, which the problem also carries (`correlationID`) so a report can be matched to the
///   log line.
///
/// Install it inside ``CorrelationIDMiddleware`` (so the logger carries the id) and outside everything that throws.
public struct ProblemDetailsMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var problem = Self.problem(for: error, request: request, context: context)
            if problem.extensions["correlationID"] == nil, let correlationID = context.logger[metadataKey: "correlation_id"] {
                problem.extensions["correlationID"] = .string(correlationID.description)
            }
            do {
                return try problem.response(from: request, context: context)
            } catch {
                // Encoding a problem cannot really fail; never let the error escape unanswered.
                return Response(status: problem.status, headers: [.contentType: ProblemDetails.mediaType])
            }
        }
    }

    /// The problem for `error`, logging the errors a client cannot have caused.
    static func problem(for error: any Error, request: Request, context: Context) -> ProblemDetails {
        switch error {
        case let problem as ProblemDetails:
            return problem
        case let httpError as HTTPError:
            if httpError.status == .contentTooLarge {
                return .contentTooLarge(maximumBytes: context.maxUploadSize)
            }
            return ProblemDetails(status: httpError.status, detail: httpError.body, headers: httpError.headers)
        case let responseError as any HTTPResponseError:
            if responseError.status == .contentTooLarge {
                return .contentTooLarge(maximumBytes: context.maxUploadSize)
            }
            return ProblemDetails(status: responseError.status)
        case let postgresError as PostgresError
        where [.connectionFailed, .poolAcquireTimeout, .poolClosed].contains(postgresError.code):
            context.logger.warning(
                "request failed: the database is unavailable",
                metadata: ["error": "\(postgresError)", "http_method": "\(request.method)", "http_path": "\(request.uri.path)"]
            )
            return .serviceUnavailable("The database is unavailable; try again shortly.")
        default:
            context.logger.error(
                "request failed with an unexpected error",
                metadata: [
                    "error": "\(String(reflecting: error))",
                    "error_type": "\(type(of: error))",
                    "http_method": "\(request.method)",
                    "http_path": "\(request.uri.path)",
                ]
            )
            return .internalError()
        }
    }
}
