import Contracts
import Hummingbird

/// `GET /health/live` and `GET /health/ready`, for orchestrators' probes.
///
/// - `/health/live`: 200 `{"status":"live"}` whenever the process serves HTTP; it checks nothing else, so a
///   database outage never gets a healthy process restarted.
/// - `/health/ready`: runs the ``ReadinessProbe``; 200 `{"status":"ready","checks":{…}}` when every check passes,
///   otherwise 503 `application/problem+json` of type `urn:wholesail:problem:not-ready` naming the failing checks
///   in `detail` and `failing`, with every check's result in `checks`.
public struct HealthRoutes: Sendable {
    public static let livePath = "/health/live"
    public static let readyPath = "/health/ready"

    public let probe: ReadinessProbe

    public init(probe: ReadinessProbe) {
        self.probe = probe
    }

    public func register<Router: RouterMethods>(on router: Router) {
        router.get(RouterPath(Self.livePath)) { _, _ -> Response in
            try Self.json(LiveBody(status: "live"))
        }
        let probe = self.probe
        router.get(RouterPath(Self.readyPath)) { _, _ -> Response in
            let report = await probe.run()
            guard report.isReady else { throw try Self.notReady(report) }
            return try Self.json(ReadyBody(status: "ready", checks: report.checks))
        }
    }

    /// The 503 problem for a failed report.
    static func notReady(_ report: ReadinessReport) throws -> ProblemDetails {
        let reasons = report.failing.map { name in
            "\(name) (\(report.checks[name]?.detail ?? "down"))"
        }
        return ProblemDetails(
            type: "urn:wholesail:problem:not-ready",
            title: "The service is not ready",
            status: .serviceUnavailable,
            detail: "Failing checks: \(reasons.joined(separator: "; ")).",
            extensions: [
                "failing": .array(report.failing.map { .string($0) }),
                "checks": try JSONValue(encoding: report.checks),
            ]
        )
    }

    private struct LiveBody: Encodable {
        let status: String
    }

    private struct ReadyBody: Encodable {
        let status: String
        let checks: [String: ReadinessReport.CheckResult]
    }

    private static func json(_ value: some Encodable) throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try StableJSON.encode(value)))
        )
    }
}
