import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one signed webhook attempt over HTTP and says how it went; never throws, never follows redirects.
///
/// Each attempt is bounded by `timeout`, measured here (the session's own request and resource timeouts are the
/// same, so the underlying request ends then too). The request goes through a completion handler, deliberately not
/// `URLSession.data(for:)`, and is never cancelled: cancelling inside FoundationNetworking while a response
/// completes deadlocks it (see `HTTPERPConnector`). When the calling task is cancelled (a hard stop), the attempt is
/// abandoned instead — the caller stops waiting and the request finishes or times out on its own.
struct WebhookSender: Sendable {
    let timeout: Duration
    private let session: URLSession

    /// - Parameter maximumConnections: connections per receiving host; the dispatcher's own limits (one attempt per
    ///   subscription, `webhookConcurrency` overall) are the real bound, so this is just not lower.
    init(timeout: Duration, maximumConnections: Int) {
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        configuration.httpMaximumConnectionsPerHost = max(1, maximumConnections)
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    /// Lets requests under way finish, then releases the session.
    func finish() {
        session.finishTasksAndInvalidate()
    }

    /// POSTs the claimed delivery's body with the signature headers, signed now.
    func send(_ claim: WebhookClaim) async -> WebhookAttemptResult {
        guard let url = URL(string: claim.url) else { return .unreachable("the subscription's URL \(claim.url) cannot be parsed") }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.timeoutInterval = session.configuration.timeoutIntervalForRequest
        let body = Array(claim.body.utf8)
        let timestamp = Int64(Date().timeIntervalSince1970.rounded(.down))
        for (name, value) in WebhookSignature.headers(
            deliveryID: claim.deliveryID, eventType: claim.eventType, body: body, secret: claim.secret, timestamp: timestamp
        ) {
            request.setValue(value, forHTTPHeaderField: name)
        }
        request.setValue("Wholesail-Webhooks/1", forHTTPHeaderField: "User-Agent")
        request.httpBody = Data(body)

        let attempt = Attempt()
        let timeout = timeout
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<WebhookAttemptResult, Never>) in
                guard attempt.install(continuation) else { return }
                session.dataTask(with: request) { data, response, error in
                    attempt.resolve(Self.result(data: data, response: response, error: error, timeout: timeout))
                }.resume()
                attempt.setDeadline(Task {
                    try? await Task.sleep(for: timeout)
                    attempt.resolve(.unreachable("no answer within \(timeout)"))
                })
            }
        } onCancel: {
            attempt.resolve(.abandoned)
        }
    }

    static func result(data: Data?, response: URLResponse?, error: (any Error)?, timeout: Duration) -> WebhookAttemptResult {
        if let error {
            if let urlError = error as? URLError, urlError.code == .timedOut { return .unreachable("no answer within \(timeout)") }
            return .unreachable("the request failed: \(error.localizedDescription)")
        }
        guard let http = response as? HTTPURLResponse else { return .unreachable("the answer was not HTTP") }
        if (200...299).contains(http.statusCode) { return .delivered(statusCode: http.statusCode) }
        let excerpt = String(decoding: (data ?? Data()).prefix(200), as: UTF8.self)
        return .rejected(statusCode: http.statusCode, detail: excerpt.isEmpty ? "HTTP \(http.statusCode)" : "HTTP \(http.statusCode): \(excerpt)")
    }

    /// The one result of an attempt: whichever of the answer, the deadline and cancellation comes first resumes the
    /// waiting task; the others find it resolved.
    private final class Attempt: Sendable {
        private struct State {
            var continuation: CheckedContinuation<WebhookAttemptResult, Never>?
            /// Set when resolved before the continuation was installed (cancelled at once).
            var early: WebhookAttemptResult?
            var resolved = false
            var deadline: Task<Void, Never>?
        }

        private let state = Mutex(State())

        /// Installs the continuation; false (and resumed at once) when the attempt was already resolved.
        func install(_ continuation: CheckedContinuation<WebhookAttemptResult, Never>) -> Bool {
            let early = state.withLock { state -> WebhookAttemptResult? in
                if state.resolved { return state.early ?? .abandoned }
                state.continuation = continuation
                return nil
            }
            if let early {
                continuation.resume(returning: early)
                return false
            }
            return true
        }

        func setDeadline(_ task: Task<Void, Never>) {
            let cancelNow = state.withLock { state -> Bool in
                if state.resolved { return true }
                state.deadline = task
                return false
            }
            if cancelNow { task.cancel() }
        }

        func resolve(_ result: WebhookAttemptResult) {
            let (continuation, deadline) = state.withLock { state -> (CheckedContinuation<WebhookAttemptResult, Never>?, Task<Void, Never>?) in
                guard !state.resolved else { return (nil, nil) }
                state.resolved = true
                if state.continuation == nil { state.early = result }
                defer {
                    state.continuation = nil
                    state.deadline = nil
                }
                return (state.continuation, state.deadline)
            }
            deadline?.cancel()
            continuation?.resume(returning: result)
        }
    }

    /// Answers every redirect with "do not follow": the 3xx itself is the attempt's answer (a failure), since
    /// following a POST redirect may turn it into a GET that loses the body.
    private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
        ) {
            completionHandler(nil)
        }
    }
}
