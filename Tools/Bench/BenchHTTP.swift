import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The few set-up requests of the service benchmarks (imports, master data, a sample quote); the load goes through
/// ``HTTPLoadGenerator``.
enum BenchHTTP {
    struct Response {
        var status: Int
        var body: [UInt8]
    }

    static func get(port: Int, path: String) async throws -> Response {
        try await send("GET", port: port, path: path, body: nil, contentType: nil)
    }

    /// - Parameter headers: extra request headers (e.g. `Authorization`, `Idempotency-Key`).
    static func post(port: Int, path: String, body: [UInt8], headers: [String: String] = [:]) async throws -> Response {
        try await send("POST", port: port, path: path, body: body, contentType: "application/json", headers: headers)
    }

    static func put(port: Int, path: String, json: String) async throws -> Response {
        try await send("PUT", port: port, path: path, body: Array(json.utf8), contentType: "application/json")
    }

    private static func send(
        _ method: String, port: Int, path: String, body: [UInt8]?, contentType: String?, headers: [String: String] = [:]
    ) async throws -> Response {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { throw BenchError("bad path \(path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 120
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body { request.httpBody = Data(body) }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw BenchError("not an HTTP response from \(path)") }
        return Response(status: http.statusCode, body: Array(data))
    }
}
