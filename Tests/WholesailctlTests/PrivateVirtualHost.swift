import Foundation
import Messaging
import WholesailTestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A RabbitMQ virtual host of one test's own (made and deleted through the management API), so `topology declare`
/// can create the real service queue names without touching the shared `wholesail` vhost.
struct PrivateVirtualHost: Sendable {
    let name: String
    private let management: RabbitMQManagement

    /// Creates a fresh vhost, grants the management user everything on it, runs `body`, deletes the vhost.
    static func with<Value: Sendable>(_ label: String, _ body: (PrivateVirtualHost) async throws -> Value) async throws -> Value {
        let host = PrivateVirtualHost(name: AMQPTestEnvironment.uniqueName(label), management: RabbitMQManagement())
        try await host.call("PUT", "/api/vhosts/\(host.encodedName)", body: "{}")
        let outcome: Result<Value, any Error>
        do {
            try await host.call(
                "PUT", "/api/permissions/\(host.encodedName)/\(host.management.username)",
                body: #"{"configure":".*","write":".*","read":".*"}"#
            )
            outcome = .success(try await body(host))
        } catch {
            outcome = .failure(error)
        }
        try await host.call("DELETE", "/api/vhosts/\(host.encodedName)", accepting: [200, 201, 204, 404])
        return try outcome.get()
    }

    /// The test broker's URL with this vhost.
    var amqpURL: String {
        get throws {
            let base = try AMQPTestEnvironment.configuration(name: "wholesailctl-tests")
            let user = base.username.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? base.username
            let password = base.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? base.password
            return "amqp://\(user):\(password)@\(base.host):\(base.port)/\(encodedName)"
        }
    }

    /// A connection to this vhost, to check what was declared.
    func connect() async throws -> AMQPConnection {
        var configuration = try AMQPConfiguration(url: try amqpURL, connectionName: "\(name)-check")
        configuration.reconnectInitialDelay = .milliseconds(50)
        return try await AMQPConnection.connect(configuration: configuration, logger: testLogger(name), timeout: .seconds(10))
    }

    private var encodedName: String {
        name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
    }

    private func call(_ method: String, _ path: String, body: String? = nil, accepting: Set<Int> = [200, 201, 204]) async throws {
        guard let url = URL(string: management.baseURL.absoluteString + path) else {
            throw TestEnvironmentError("bad management API path \(path) for \(management.baseURL)")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 30
        let credentials = Data("\(management.username):\(management.password)".utf8).base64EncodedString()
        request.setValue("Basic \(credentials)", forHTTPHeaderField: "Authorization")
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.utf8)
        }
        let (status, text): (Int, String)
        do {
            (status, text) = try await Self.perform(request)
        } catch {
            throw TestEnvironmentError(
                "the RabbitMQ management API at \(management.baseURL) did not answer \(method) \(path) (\(error)); start the servers with `deploy/local/stack up`"
            )
        }
        guard accepting.contains(status) else {
            throw TestEnvironmentError("RabbitMQ management API: \(method) \(path) answered \(status): \(text.prefix(500))")
        }
    }

    /// Through a completion handler: `URLSession.data(for:)` can deadlock FoundationNetworking on Linux when cancelled.
    private static func perform(_ request: URLRequest) async throws -> (Int, String) {
        try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else {
                    let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                    continuation.resume(returning: (status, String(decoding: data ?? Data(), as: UTF8.self)))
                }
            }.resume()
        }
    }
}
