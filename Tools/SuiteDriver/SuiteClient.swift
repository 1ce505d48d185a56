import Contracts
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A typed HTTP client of a running Wholesail suite — the five services and the ERP simulator — for the integration
/// tests, a demo loader and a load generator. It speaks only the services' public HTTP APIs (each service's
/// `openapi.yaml`), never their databases.
///
/// Every call answers a small `Codable` value, or throws ``SuiteClientError`` carrying the status and the problem
/// document. The orders routes need a channel API key (``apiKey``; see ``withAPIKey(_:)``).
public struct SuiteClient: Sendable {
    /// Where the services answer.
    public let endpoints: ServiceEndpoints
    /// The channel API key sent as `Authorization: Bearer …` to the orders service.
    public let apiKey: String?
    /// How long one request may take before it fails as unreachable.
    public let timeout: Duration
    private let session: URLSession
    private let socketTransport: SocketHTTPTransport?

    /// - Parameters:
    ///   - endpoints: the services' base URLs.
    ///   - apiKey: a channel API key (`wsk_…`) for the orders routes; nil when only the other services are used.
    ///   - timeout: per request (a loaded 2-core machine can take seconds to answer).
    ///   - maximumConnectionsPerHost: parallel connections per service, for load generators.
    ///   - sockets: send through a ``SocketHTTPTransport`` of this many worker threads instead of `URLSession` (load
    ///     generators: far fewer thread switches per request; `http://` only).
    public init(
        endpoints: ServiceEndpoints, apiKey: String? = nil, timeout: Duration = .seconds(30), maximumConnectionsPerHost: Int = 8,
        sockets: Int? = nil
    ) {
        self.endpoints = endpoints
        self.apiKey = apiKey
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = Self.seconds(timeout)
        configuration.httpMaximumConnectionsPerHost = maximumConnectionsPerHost
        session = URLSession(configuration: configuration)
        socketTransport = sockets.map { SocketHTTPTransport(workers: $0, timeout: timeout) }
    }

    private init(endpoints: ServiceEndpoints, apiKey: String?, timeout: Duration, session: URLSession, socketTransport: SocketHTTPTransport?) {
        self.endpoints = endpoints
        self.apiKey = apiKey
        self.timeout = timeout
        self.session = session
        self.socketTransport = socketTransport
    }

    /// The same client acting for another channel (same connections).
    public func withAPIKey(_ key: String) -> SuiteClient {
        SuiteClient(endpoints: endpoints, apiKey: key, timeout: timeout, session: session, socketTransport: socketTransport)
    }

    // MARK: - Plumbing shared by the per-service extensions

    /// Sends one request and returns the answer whatever its status.
    func send(
        _ method: String,
        _ base: URL,
        _ path: String,
        query: [URLQueryItem] = [],
        body: Data? = nil,
        contentType: String? = nil,
        headers: [String: String] = [:]
    ) async throws(SuiteClientError) -> SuiteHTTPAnswer {
        var root = base.absoluteString
        while root.hasSuffix("/") { root.removeLast() }
        let description = "\(method) \(root)\(path)"
        guard var components = URLComponents(string: root + path) else {
            throw .invalidRequest(request: description, reason: "not a valid URL")
        }
        if !query.isEmpty { components.queryItems = query }
        guard let url = components.url else { throw .invalidRequest(request: description, reason: "not a valid URL") }
        if let socketTransport {
            var fields: [(String, String)] = [("Accept", "application/json")]
            if let contentType { fields.append(("Content-Type", contentType)) }
            for (name, value) in headers { fields.append((name, value)) }
            let requestText = "\(method) \(url.absoluteString)"
            do {
                let answer = try await socketTransport.send(method: method, url: url, headers: fields, body: body)
                return SuiteHTTPAnswer(request: requestText, status: answer.status, headers: answer.headers, body: answer.body)
            } catch {
                throw .unreachable(request: requestText, reason: "\(error)")
            }
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = Self.seconds(timeout)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let requestText = "\(method) \(url.absoluteString)"
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await perform(request)
        } catch {
            throw .unreachable(request: requestText, reason: error.localizedDescription)
        }
        guard let http = response as? HTTPURLResponse else {
            throw .unreachable(request: requestText, reason: "the answer is not HTTP")
        }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return SuiteHTTPAnswer(request: requestText, status: http.statusCode, headers: fields, body: data)
    }

    /// Sends a JSON body (encoded with ``StableJSON``).
    func send(
        _ method: String,
        _ base: URL,
        _ path: String,
        json: some Encodable,
        headers: [String: String] = [:]
    ) async throws(SuiteClientError) -> SuiteHTTPAnswer {
        let body: Data
        do {
            body = try StableJSON.encode(json)
        } catch {
            throw .invalidRequest(request: "\(method) \(base.absoluteString)\(path)", reason: "the body does not encode: \(error)")
        }
        return try await send(method, base, path, body: body, contentType: "application/json", headers: headers)
    }

    /// The answer when its status is one of `expected`, else ``SuiteClientError/unexpectedStatus(request:status:problem:body:)``.
    func expect(_ answer: SuiteHTTPAnswer, _ expected: Set<Int>) throws(SuiteClientError) -> SuiteHTTPAnswer {
        guard expected.contains(answer.status) else {
            throw .unexpectedStatus(request: answer.request, status: answer.status, problem: try? JSONValue(data: answer.body), body: answer.text)
        }
        return answer
    }

    /// Decodes the answer's body with ``StableJSON``'s settings (ISO 8601 dates).
    func decode<Value: Decodable>(_ type: Value.Type, from answer: SuiteHTTPAnswer) throws(SuiteClientError) -> Value {
        do {
            return try StableJSON.decode(type, from: answer.body)
        } catch {
            throw .undecodable(request: answer.request, reason: "\(error)", body: answer.text)
        }
    }

    /// The orders service's channel authentication.
    func channelHeaders(_ extra: [String: String] = [:]) -> [String: String] {
        var headers = extra
        if let apiKey { headers["Authorization"] = "Bearer \(apiKey)" }
        return headers
    }

    /// A path segment with everything but unreserved characters percent-encoded.
    static func segment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~:")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The request through a completion handler, deliberately not `URLSession.data(for:)`: on Linux, cancelling a
    /// task inside `data(for:)` while its response completes deadlocks FoundationNetworking. Without a cancellation
    /// handler a cancelled caller simply waits for the answer (bounded by ``timeout``).
    private func perform(_ request: URLRequest) async throws -> (Data, URLResponse) {
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
