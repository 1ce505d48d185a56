import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Posts JSON documents to a partner system (the ERP) with an `Idempotency-Key`, and sorts the answer into
/// accepted, worth retrying, or refused — the one place services call out over HTTP for postings that must happen
/// exactly once on the other side.
public struct IdempotentHTTPPoster: Sendable {
    /// What the partner said.
    public enum Outcome: Sendable, Hashable {
        /// A status of the accepted range (by default 200 or 201) with this body.
        case accepted(Data)
        /// 408, 429, 5xx, a timeout or no connection: post again later with the same key.
        case unavailable(String)
        /// Any other answer: it will not change by retrying.
        case refused(String)
    }

    public let timeout: Duration
    private let session: URLSession

    public init(timeout: Duration, maximumConnections: Int = 4) {
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        configuration.httpMaximumConnectionsPerHost = maximumConnections
        session = URLSession(configuration: configuration)
    }

    /// Posts `body` (JSON unless `contentType` says otherwise) to `url`; never throws: every failure is an ``Outcome``.
    /// - Parameter accepting: the statuses that mean the partner took it (an ERP answers 200/201 with a document;
    ///   a document receiver may answer any 2xx without one).
    public func post(
        _ body: Data, to url: URL, idempotencyKey: String, contentType: String = "application/json", accepting: ClosedRange<Int> = 200...201
    ) async -> Outcome {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        request.setValue(idempotencyKey, forHTTPHeaderField: "Idempotency-Key")
        request.timeoutInterval = session.configuration.timeoutIntervalForRequest
        request.httpBody = body
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await send(request)
        } catch {
            return .unavailable("\(url.absoluteString): \(error.localizedDescription)")
        }
        guard let http = response as? HTTPURLResponse else { return .unavailable("\(url.absoluteString): not an HTTP answer") }
        let excerpt = String(decoding: data.prefix(500), as: UTF8.self)
        switch http.statusCode {
        case accepting: return .accepted(data)
        case 408, 429, 500...599: return .unavailable("HTTP \(http.statusCode): \(excerpt)")
        default: return .refused("HTTP \(http.statusCode): \(excerpt)")
        }
    }

    /// The request through a completion handler, deliberately not `URLSession.data(for:)`: on Linux, cancelling a task
    /// inside `data(for:)` while the response completes deadlocks FoundationNetworking (the canceller holds the task's
    /// status lock and waits for the session queue; the session queue waits for that lock to resume the task) — and a
    /// graceful shutdown cancels posters mid-call. Without a cancellation handler the call simply finishes (within
    /// ``timeout``) and the shutdown proceeds.
    private func send(_ request: URLRequest) async throws -> (Data, URLResponse) {
        try await withCheckedThrowingContinuation { continuation in
            session.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else if let response {
                    continuation.resume(returning: (data ?? Data(), response))
                } else {
                    continuation.resume(throwing: URLError(.badServerResponse))
                }
            }.resume()
        }
    }
}
