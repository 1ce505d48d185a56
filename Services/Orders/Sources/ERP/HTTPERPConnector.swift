import Contracts
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Posts orders as JSON to `POST {base}/erp/v1/sales-orders` with the order id as `Idempotency-Key`; expects
/// `{"documentNumber": "…"}` with 200 or 201. The local stack's `erp-simulator` implements this API.
///
/// 408, 429, 5xx, timeouts and connection failures are ``ERPPostingError/unavailable(_:)``; any other status is
/// ``ERPPostingError/refused(_:)`` with the ERP's answer.
public struct HTTPERPConnector: ERPConnector {
    public let baseURL: URL
    public let timeout: Duration
    private let session: URLSession

    public init(baseURL: URL, timeout: Duration) {
        self.baseURL = baseURL
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        configuration.httpMaximumConnectionsPerHost = 4
        session = URLSession(configuration: configuration)
    }

    /// The request through a completion handler, deliberately not `URLSession.data(for:)`: on Linux, cancelling a task
    /// inside `data(for:)` while the response completes deadlocks FoundationNetworking (the canceller holds the task's
    /// status lock and waits for the session queue; the session queue waits for that lock to resume the task) — and a
    /// graceful shutdown cancels the poster mid-call. Without a cancellation handler the call simply finishes (within
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

    struct Answer: Decodable {
        var documentNumber: String
    }

    public func post(_ order: ERPSalesOrder) async throws(ERPPostingError) -> String {
        let url = baseURL.appending(path: "erp/v1/sales-orders")
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(order.orderID, forHTTPHeaderField: "Idempotency-Key")
        request.timeoutInterval = session.configuration.timeoutIntervalForRequest
        let data: Data
        let response: URLResponse
        do {
            request.httpBody = try StableJSON.encode(order)
            (data, response) = try await send(request)
        } catch {
            throw .unavailable("\(url.absoluteString): \(error.localizedDescription)")
        }
        guard let http = response as? HTTPURLResponse else { throw .unavailable("\(url.absoluteString): not an HTTP answer") }
        let body = String(decoding: data.prefix(500), as: UTF8.self)
        switch http.statusCode {
        case 200, 201:
            guard let answer = try? StableJSON.decode(Answer.self, from: data), !answer.documentNumber.isEmpty else {
                throw .unavailable("HTTP \(http.statusCode) without a documentNumber: \(body)")
            }
            return answer.documentNumber
        case 408, 429, 500...599:
            throw .unavailable("HTTP \(http.statusCode): \(body)")
        default:
            throw .refused("HTTP \(http.statusCode): \(body)")
        }
    }
}
