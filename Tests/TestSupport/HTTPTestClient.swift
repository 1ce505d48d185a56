import Contracts
import Foundation
import ServiceKit
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A response as the tests see it.
public struct HTTPTestResponse: Sendable {
    public let status: Int
    /// Header values by lower-cased name.
    public let headers: [String: String]
    public let body: Data

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    public var text: String { String(decoding: body, as: UTF8.self) }

    public func json() throws -> JSONValue { try JSONValue(data: body) }

    public func problem() throws -> ProblemDetails { try StableJSON.decode(ProblemDetails.self, from: body) }
}

/// Plain URLSession requests against a server started by the test on 127.0.0.1.
public struct HTTPTestClient: Sendable {
    public let port: Int

    public init(port: Int) {
        self.port = port
    }

    public func send(
        _ method: String,
        _ path: String,
        body: Data? = nil,
        headers: [String: String] = [:],
        streamBody: Bool = false
    ) async throws -> HTTPTestResponse {
        let url = try URL(string: "http://127.0.0.1:\(port)\(path)").orThrow("bad path \(path)")
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 30
        for (name, value) in headers {
            request.setValue(value, forHTTPHeaderField: name)
        }
        if let body {
            if streamBody {
                // No Content-Length: the body goes out chunked.
                request.httpBodyStream = InputStream(data: body)
            } else {
                request.httpBody = body
            }
        }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        let http = try (response as? HTTPURLResponse).orThrow("not an HTTP response")
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String {
                fields[name.lowercased()] = value
            }
        }
        return HTTPTestResponse(status: http.statusCode, headers: fields, body: data)
    }

    public func get(_ path: String, headers: [String: String] = [:]) async throws -> HTTPTestResponse {
        try await send("GET", path, headers: headers)
    }

    public func post(_ path: String, json: String, headers: [String: String] = [:]) async throws -> HTTPTestResponse {
        var headers = headers
        headers["Content-Type"] = headers["Content-Type"] ?? "application/json"
        return try await send("POST", path, body: Data(json.utf8), headers: headers)
    }

    public func put(_ path: String, json: String, headers: [String: String] = [:]) async throws -> HTTPTestResponse {
        var headers = headers
        headers["Content-Type"] = headers["Content-Type"] ?? "application/json"
        return try await send("PUT", path, body: Data(json.utf8), headers: headers)
    }

    /// A body of any media type, e.g. `text/csv`.
    public func put(_ path: String, body: String, contentType: String, headers: [String: String] = [:]) async throws -> HTTPTestResponse {
        var headers = headers
        headers["Content-Type"] = contentType
        return try await send("PUT", path, body: Data(body.utf8), headers: headers)
    }
}

public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
