import Metrics

/// Counters and timings of one service's event consumer (ARCHITECTURE.md §6: handled, failed, parked).
struct ConsumerMetrics: Sendable {
    let service: String
    let factory: any MetricsFactory

    init(service: String, factory: any MetricsFactory) {
        self.service = service
        self.factory = factory
    }

    private func dimensions(_ handler: String) -> [(String, String)] {
        [("service", service), ("handler", handler)]
    }

    func handled(handler: String, duplicate: Bool, duration: Duration) {
        var dimensions = dimensions(handler)
        dimensions.append(("outcome", duplicate ? "duplicate" : "applied"))
        Counter(label: "wholesail_messages_handled_total", dimensions: dimensions, factory: factory).increment()
        let (seconds, attoseconds) = duration.components
        Metrics.Timer(label: "wholesail_message_handling_seconds", dimensions: self.dimensions(handler), preferredDisplayUnit: .seconds, factory: factory)
            .recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    func failed(handler: String) {
        Counter(label: "wholesail_messages_failed_total", dimensions: dimensions(handler), factory: factory).increment()
    }

    func retried(handler: String) {
        Counter(label: "wholesail_messages_retried_total", dimensions: dimensions(handler), factory: factory).increment()
    }

    func parked(handler: String) {
        Counter(label: "wholesail_messages_parked_total", dimensions: dimensions(handler), factory: factory).increment()
    }
}
