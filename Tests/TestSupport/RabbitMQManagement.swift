import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The RabbitMQ management HTTP API, for tests that need to observe or disturb the broker
/// (queue depths, forcibly closing a client's connection).
public struct RabbitMQManagement: Sendable {
    public let baseURL: URL
    public let username: String
    public let password: String
    public let virtualHost: String

    public init() {
        let environment = ProcessInfo.processInfo.environment
        var base = environment["WHOLESAIL_RABBITMQ_MANAGEMENT_URL"] ?? "http://127.0.0.1:25673"
        while base.hasSuffix("/") { base.removeLast() }
        baseURL = URL(string: base) ?? URL(fileURLWithPath: "/invalid-WHOLESAIL_RABBITMQ_MANAGEMENT_URL")
        username = environment["WHOLESAIL_TEST_AMQP_MANAGEMENT_USER"] ?? "wholesail_admin"
        password = environment["WHOLESAIL_TEST_AMQP_MANAGEMENT_PASSWORD"] ?? "wholesail_admin"
        virtualHost = "wholesail"
    }

    private func request(_ method: String, _ path: String, body: String? = nil) async throws -> (Data, Int) {
        guard let url = URL(string: baseURL.absoluteString + path) else {
            throw TestEnvironmentError("bad management API path '\(path)' for \(baseURL)")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 30
        let credentials = Data("\(username):\(password)".utf8).base64EncodedString()
        request.setValue("Basic \(credentials)", forHTTPHeaderField: "Authorization")
        request.setValue("close", forHTTPHeaderField: "X-Reason")
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.utf8)
        }
        // Through a completion handler: `URLSession.data(for:)` can deadlock FoundationNetworking on Linux when cancelled.
        return try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else {
                    continuation.resume(returning: (data ?? Data(), (response as? HTTPURLResponse)?.statusCode ?? 0))
                }
            }.resume()
        }
    }

    /// One call that must answer a status in `accepting`; says what to do when the API is not there.
    private func call(_ method: String, _ path: String, body: String? = nil, accepting: Set<Int> = [200, 201, 204]) async throws {
        let (data, status): (Data, Int)
        do {
            (data, status) = try await request(method, path, body: body)
        } catch {
            throw TestEnvironmentError(
                "the RabbitMQ management API at \(baseURL) did not answer \(method) \(path) (\(error.localizedDescription)); start the servers with `deploy/local/stack up`"
            )
        }
        guard accepting.contains(status) else {
            throw TestEnvironmentError("RabbitMQ management API: \(method) \(path) answered \(status): \(String(decoding: data.prefix(500), as: UTF8.self))")
        }
    }

    private static func encoded(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
    }

    /// Creates a virtual host (for tests that need the real queue names without touching the shared one).
    public func createVirtualHost(_ name: String) async throws {
        try await call("PUT", "/api/vhosts/\(Self.encoded(name))", body: "{}")
    }

    /// Sets `user`'s permissions on virtual host `host` (regular expressions, as in `rabbitmqctl set_permissions`).
    public func setPermissions(user: String, on host: String, configure: String, write: String, read: String) async throws {
        let body = try JSONSerialization.data(withJSONObject: ["configure": configure, "write": write, "read": read], options: [.sortedKeys])
        try await call("PUT", "/api/permissions/\(Self.encoded(host))/\(Self.encoded(user))", body: String(decoding: body, as: UTF8.self))
    }

    /// Deletes a virtual host with every queue and exchange in it; one already gone is fine.
    public func deleteVirtualHost(_ name: String) async throws {
        try await call("DELETE", "/api/vhosts/\(Self.encoded(name))", accepting: [200, 201, 204, 404])
    }

    private var encodedVirtualHost: String {
        virtualHost.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? virtualHost
    }

    /// Closes every broker connection whose client-provided name is `name`; returns how many.
    /// The management API learns of new connections with a delay of up to a few seconds, so this polls.
    @discardableResult
    public func closeConnections(named name: String, timeout: Duration = .seconds(15)) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let (data, status) = try await request("GET", "/api/connections?columns=name,user_provided_name")
            let connections = status == 200 ? ((try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]]) ?? [] : []
            let matching = connections.filter { ($0["user_provided_name"] as? String) == name }.compactMap { $0["name"] as? String }
            if !matching.isEmpty {
                for connection in matching {
                    let encoded = connection.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? connection
                    _ = try await request("DELETE", "/api/connections/\(encoded)")
                }
                return matching.count
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw TestEnvironmentError("no broker connection named '\(name)' appeared in the management API")
    }

    /// Client-provided names of the broker's open connections.
    public func connectionNames() async throws -> Set<String> {
        let (data, status) = try await request("GET", "/api/connections?columns=user_provided_name")
        guard status == 200 else { throw TestEnvironmentError("management API answered \(status) for /api/connections") }
        let connections = (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
        return Set(connections.compactMap { $0["user_provided_name"] as? String })
    }

    /// Ready plus unacknowledged messages in `queue`, as the management API last sampled them.
    public func messageCount(queue: String) async throws -> Int? {
        let encoded = queue.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? queue
        let (data, status) = try await request("GET", "/api/queues/\(encodedVirtualHost)/\(encoded)")
        guard status == 200, let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object["messages"] as? Int
    }
}
