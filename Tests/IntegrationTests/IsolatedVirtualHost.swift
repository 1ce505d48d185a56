import Foundation
import WholesailTestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A RabbitMQ virtual host of the suite's own, made through the management API (base URL and credentials as
/// `RabbitMQManagement` reads them from the environment), with the permissions `deploy/local/stack`'s
/// `rabbitmq_provision` gives: the administrator everything, each service user the shared exchanges and its own
/// `<service>.*` queues.
struct IsolatedVirtualHost: Sendable {
    let name: String
    private let management: RabbitMQManagement

    /// Creates `name` and grants the administrator and the users of `services`.
    static func create(name: String, services: [String]) async throws -> IsolatedVirtualHost {
        let host = IsolatedVirtualHost(name: name, management: RabbitMQManagement())
        try await host.call("PUT", "/api/vhosts/\(host.encodedName)", body: "{}")
        do {
            try await host.call("PUT", "/api/permissions/\(host.encodedName)/\(host.management.username)",
                                body: #"{"configure":".*","write":".*","read":".*"}"#)
            let shared = #"wholesail\\.events|wholesail\\.unrouted"#
            for service in services {
                let own = #"\#(service)\\..*"#
                let permissions = #"{"configure":"^(\#(shared)|\#(own))$","write":"^(\#(shared)|amq\\.default|\#(own))$","read":"^(\#(shared)|\#(own))$"}"#
                try await host.call("PUT", "/api/permissions/\(host.encodedName)/\(service)", body: permissions)
            }
        } catch {
            try? await host.delete()
            throw error
        }
        return host
    }

    /// Deletes the virtual host with every queue and exchange in it.
    func delete() async throws {
        try await call("DELETE", "/api/vhosts/\(encodedName)", accepting: [200, 201, 204, 404])
    }

    private var encodedName: String {
        name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
    }

    /// One management API call; throws unless it answers a 2xx (or a status in `accepting`).
    private func call(_ method: String, _ path: String, body: String? = nil, accepting: Set<Int> = [200, 201, 204]) async throws {
        guard let url = URL(string: management.baseURL.absoluteString + path) else {
            throw SuiteSetupError("bad management API path \(path) for \(management.baseURL)")
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
            throw SuiteSetupError(
                "the RabbitMQ management API at \(management.baseURL) did not answer \(method) \(path) (\(error.localizedDescription)); start the servers with `deploy/local/stack up`"
            )
        }
        guard accepting.contains(status) else {
            throw SuiteSetupError("RabbitMQ management API: \(method) \(path) answered \(status): \(text.prefix(500))")
        }
    }

    /// Through a completion handler, never `URLSession.data(for:)` (which deadlocks FoundationNetworking on Linux
    /// when cancelled).
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
