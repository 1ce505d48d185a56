import Foundation
import Hummingbird
import Metrics
import Prometheus
import ServiceKit
import Testing

@Suite("Metrics route")
struct MetricsRouteTests {
    /// The sample value of the first line of `text` that starts with `metric{` and contains every label.
    private func sample(_ text: String, metric: String, labels: [String]) -> String? {
        text.split(separator: "\n")
            .first { $0.hasPrefix("\(metric){") && labels.allSatisfy($0.contains) }
            .flatMap { $0.split(separator: " ").last.map(String.init) }
    }

    @Test func exposesAnHTTPRequestCounterIncrementedByEachRequest() async throws {
        try await TestHTTPServer.with(routes: { router in
            router.get("/v1/ping") { _, _ in "pong" }
        }) { client in
            _ = try await client.get("/v1/ping")
            let first = try await client.get("/metrics")
            #expect(first.status == 200)
            #expect(first.header("Content-Type") == MetricsRoute.contentType)
            let labels = [#"route="/v1/ping""#, #"method="GET""#, #"status="200""#]
            #expect(sample(first.text, metric: "wholesail_http_requests_total", labels: labels) == "1")

            _ = try await client.get("/v1/ping")
            let second = try await client.get("/metrics")
            #expect(sample(second.text, metric: "wholesail_http_requests_total", labels: labels) == "2")
            #expect(sample(second.text, metric: "wholesail_http_request_duration_seconds_count", labels: labels) == "2")
        }
    }

    @Test func unmatchedRequestsCountUnderOneRouteLabel() async throws {
        try await TestHTTPServer.with { client in
            _ = try await client.get("/nope/1")
            _ = try await client.get("/nope/2")
            let text = try await client.get("/metrics").text
            #expect(sample(text, metric: "wholesail_http_requests_total", labels: [#"route="unmatched""#, #"status="404""#]) == "2")
            #expect(!text.contains("/nope/"))
        }
    }

    @Test func rendersWhatIsRecordedThroughAFactoryOfTheGivenRegistry() async throws {
        let registry = PrometheusCollectorRegistry()
        Metrics.Counter(label: "wholesail_orders_accepted_total", factory: PrometheusMetricsFactory(registry: registry)).increment(by: 3)
        try await TestHTTPServer.with(metricsRegistry: registry) { client in
            let text = try await client.get("/metrics").text
            #expect(text.contains("wholesail_orders_accepted_total 3"))
        }
    }
}
