/// One HTTP/1.1 request the load generator sends: what the caller's request closure returns for each index.
///
/// The generator adds `Host` and (for a body, or a method that carries one) `Content-Length` itself, so a
/// caller only says what differs between requests; headers given here with those names win instead.
struct HTTPLoadRequest: Sendable {
    var method: String
    /// Origin-form target, e.g. `/quotes?currency=EUR`.
    var path: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(method: String = "POST", path: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }

    /// Appends the request as it goes on the wire to `buffer` (reused by the caller to avoid allocating per request).
    /// - Parameter authority: the `Host` header value, `host:port`.
    func serialize(authority: String, into buffer: inout [UInt8]) {
        buffer.append(contentsOf: method.utf8)
        buffer.append(UInt8(ascii: " "))
        buffer.append(contentsOf: path.utf8)
        buffer.append(contentsOf: " HTTP/1.1\r\n".utf8)

        var hasHost = false
        var hasLength = false
        for header in headers {
            if Self.equalsIgnoringCase(header.name, "host") { hasHost = true }
            if Self.equalsIgnoringCase(header.name, "content-length") { hasLength = true }
            buffer.append(contentsOf: header.name.utf8)
            buffer.append(contentsOf: ": ".utf8)
            buffer.append(contentsOf: header.value.utf8)
            buffer.append(contentsOf: "\r\n".utf8)
        }
        if !hasHost {
            buffer.append(contentsOf: "Host: ".utf8)
            buffer.append(contentsOf: authority.utf8)
            buffer.append(contentsOf: "\r\n".utf8)
        }
        if !hasLength, !body.isEmpty || !(method == "GET" || method == "HEAD") {
            buffer.append(contentsOf: "Content-Length: ".utf8)
            buffer.append(contentsOf: String(body.count).utf8)
            buffer.append(contentsOf: "\r\n".utf8)
        }
        buffer.append(contentsOf: "\r\n".utf8)
        buffer.append(contentsOf: body)
    }

    /// ASCII case-insensitive comparison (header names are ASCII).
    private static func equalsIgnoringCase(_ left: String, _ right: String) -> Bool {
        left.utf8.count == right.utf8.count
            && zip(left.utf8, right.utf8).allSatisfy { HTTPLoadResponseParser.lowercased($0) == HTTPLoadResponseParser.lowercased($1) }
    }
}
