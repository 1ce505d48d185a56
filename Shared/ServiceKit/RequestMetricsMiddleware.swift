import Hummingbird
import Logging
import Metrics
import Synchronization

/// Counts requests and records their latency by route, method and status, and logs one line per request.
///
/// Metrics (through the given factory, so each service instance reports into its own registry):
/// - `wholesail_http_requests_total{method, route, status}`
/// - `wholesail_http_request_duration_seconds{method, route, status}` (a histogram)
///
/// The route is the matched path pattern (`/v1/orders/:id`), never the raw path, so the label set stays small;
/// requests no route matched count under `unmatched`. Install it outside ``ProblemDetailsMiddleware`` so it sees
/// the final status of failed requests. Health and metrics requests are logged at debug, others at info.
public struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    private let instruments: Instruments

    public init(metricsFactory: any MetricsFactory) {
        instruments = Instruments(factory: metricsFactory)
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let status: HTTPResponse.Status
        let response: Response
        do {
            response = try await next(request, context)
            status = response.status
        } catch {
            status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            record(request: request, context: context, status: status, elapsed: ContinuousClock.now - started)
            throw error
        }
        record(request: request, context: context, status: status, elapsed: ContinuousClock.now - started)
        return response
    }

    private func record(request: Request, context: Context, status: HTTPResponse.Status, elapsed: Duration) {
        let route = context.endpointPath.flatMap { $0 == "NotFound" ? nil : $0 } ?? "unmatched"
        let pair = instruments.pair(route: route, method: request.method.rawValue, status: status.code)
        pair.requests.increment()
        let (seconds, attoseconds) = elapsed.components
        pair.duration.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)

        let isProbe = route.hasPrefix("/health/") || route == "/metrics"
        context.logger.log(
            level: isProbe ? .debug : .info,
            "\(request.method.rawValue) \(request.uri.path) \(status.code)",
            metadata: [
                "http_method": "\(request.method.rawValue)",
                "http_route": "\(route)",
                "http_status": "\(status.code)",
                "duration_ms": "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000)",
            ]
        )
    }

    /// The counter and timer of each (route, method, status), created once.
    final class Instruments: Sendable {
        struct Key: Hashable {
            let route: String
            let method: String
            let status: Int
        }

        struct Pair: Sendable {
            let requests: Counter
            let duration: Metrics.Timer
        }

        private let factory: any MetricsFactory
        private let pairs = Mutex<[Key: Pair]>([:])

        init(factory: any MetricsFactory) {
            self.factory = factory
        }

        func pair(route: String, method: String, status: Int) -> Pair {
            let key = Key(route: route, method: method, status: status)
            return pairs.withLock { pairs in
                if let pair = pairs[key] { return pair }
                let dimensions = [("method", method), ("route", route), ("status", String(status))]
                let pair = Pair(
                    requests: Counter(label: "wholesail_http_requests_total", dimensions: dimensions, factory: factory),
                    duration: Metrics.Timer(
                        label: "wholesail_http_request_duration_seconds",
                        dimensions: dimensions,
                        preferredDisplayUnit: .seconds,
                        factory: factory
                    )
                )
                pairs[key] = pair
                return pair
            }
        }
    }
}
