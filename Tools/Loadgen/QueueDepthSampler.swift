import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Reads every queue's depth from RabbitMQ's management API once a second and keeps each queue's peak.
actor QueueDepthSampler {
    private let url: URL
    private let authorization: String
    private var peaks: [String: Int] = [:]
    private var failures = 0

    init(managementURL: URL, virtualHost: String, user: String, password: String) {
        let host = virtualHost.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? virtualHost
        url = managementURL.appending(path: "api/queues/\(host)").appending(queryItems: [URLQueryItem(name: "columns", value: "name,messages")])
        authorization = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// Samples until cancelled.
    func run() async {
        while !Task.isCancelled {
            await sample()
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// The peaks, deepest first, and how many samples failed.
    func result() -> (peaks: [(queue: String, messages: Int)], failedSamples: Int) {
        (peaks.map { ($0.key, $0.value) }.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }, failures)
    }

    private func sample() async {
        var request = URLRequest(url: url)
        request.setValue(authorization, forHTTPHeaderField: "Authorization")
        request.timeoutInterval = 5
        let data: Data? = await withCheckedContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, _ in
                continuation.resume(returning: (response as? HTTPURLResponse)?.statusCode == 200 ? data : nil)
            }.resume()
        }
        struct Queue: Decodable {
            var name: String
            var messages: Int?
        }
        guard let data, let queues = try? JSONDecoder().decode([Queue].self, from: data) else {
            failures += 1
            return
        }
        // The services' own queues (inboxes, retries, dead letters); the capped catch-all for events nobody subscribes
        // to (`wholesail.unrouted`) is not a backlog.
        for queue in queues where queue.name.hasSuffix(".inbox") || queue.name.hasSuffix(".dlq") || queue.name.contains(".retry.") {
            peaks[queue.name] = max(peaks[queue.name] ?? 0, queue.messages ?? 0)
        }
    }
}
