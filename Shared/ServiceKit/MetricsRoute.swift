import Hummingbird
import Prometheus

/// `GET /metrics`: the service's ``PrometheusCollectorRegistry`` in the Prometheus text exposition format.
public struct MetricsRoute: Sendable {
    public static let path = "/metrics"
    /// The exposition format's content type (version 0.0.4).
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    public func register<Router: RouterMethods>(on router: Router) {
        let registry = self.registry
        router.get(RouterPath(Self.path)) { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: Self.contentType, .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
            )
        }
    }
}
