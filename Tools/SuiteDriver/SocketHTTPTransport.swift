import Foundation
import Synchronization
import Glibc

/// Plain HTTP/1.1 over keep-alive POSIX sockets, served by a few dedicated threads: the load generator's transport.
///
/// FoundationNetworking's `URLSession` costs a load generator dozens of thread switches per request (measured: the
/// peak-day generator made ~38,000 context switches a second at 25 orders/s, more than every service together), on a
/// machine whose two cores the services under test need. Here a request is queued, a worker thread writes it on a
/// connection it keeps open to that host and blocks reading the answer, and the caller is resumed: a handful of
/// switches per request. Only `http://` URLs; bodies framed by `Content-Length`, chunked encoding or the connection's end.
public final class SocketHTTPTransport: Sendable {
    /// A response read to its end.
    struct Answer: Sendable {
        var status: Int
        /// Header names lowercased.
        var headers: [String: String]
        var body: Data
    }

    /// Why an exchange failed.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private struct Job: Sendable {
        let host: String
        let port: Int
        let request: [UInt8]
        let continuation: CheckedContinuation<Answer, any Error>
    }

    private struct Queue {
        var jobs: [Job] = []
        var head = 0
        var stopped = false
    }

    private let queue = Mutex(Queue())
    private let available = DispatchSemaphore(value: 0)
    private let timeout: Duration
    private let workers: Int

    /// - Parameters:
    ///   - workers: requests in flight at once (each worker thread keeps one connection per host).
    ///   - timeout: per send and per read.
    public init(workers: Int, timeout: Duration) {
        self.workers = max(1, workers)
        self.timeout = timeout
        for index in 0..<self.workers {
            let thread = Thread { [self] in self.work() }
            thread.name = "suite-http-\(index + 1)"
            thread.stackSize = 256 * 1024
            thread.start()
        }
    }

    /// Lets the worker threads end once the queued requests are answered.
    public func shutdown() {
        queue.withLock { $0.stopped = true }
        for _ in 0..<workers { available.signal() }
    }

    /// Sends one request and returns the answer whatever its status.
    func send(method: String, url: URL, headers: [(String, String)], body: Data?) async throws -> Answer {
        guard url.scheme == "http", let host = url.host else { throw Failure(description: "only http:// URLs are supported: \(url)") }
        let port = url.port ?? 80
        var target = url.path.isEmpty ? "/" : url.path
        if let query = url.query { target += "?" + query }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host):\(port)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body?.count ?? 0)\r\n\r\n"
        var request = Array(head.utf8)
        if let body { request.append(contentsOf: body) }
        return try await withCheckedThrowingContinuation { continuation in
            let job = Job(host: host, port: port, request: request, continuation: continuation)
            let accepted = queue.withLock { queue -> Bool in
                guard !queue.stopped else { return false }
                queue.jobs.append(job)
                return true
            }
            if accepted {
                available.signal()
            } else {
                continuation.resume(throwing: Failure(description: "the transport was shut down"))
            }
        }
    }

    // MARK: Worker threads

    private func nextJob() -> Job? {
        while true {
            available.wait()
            let job = queue.withLock { queue -> Job?? in
                guard queue.head < queue.jobs.count else { return queue.stopped ? .some(nil) : nil }
                let job = queue.jobs[queue.head]
                queue.head += 1
                if queue.head > 1024, queue.head * 2 > queue.jobs.count {
                    queue.jobs.removeFirst(queue.head)
                    queue.head = 0
                }
                return .some(job)
            }
            if let job { return job }
        }
    }

    private func work() {
        var connections: [String: SocketConnection] = [:]
        while let job = nextJob() {
            let key = "\(job.host):\(job.port)"
            do {
                var connection: SocketConnection
                var reused = false
                if let open = connections[key] {
                    connection = open
                    reused = true
                } else {
                    connection = try SocketConnection(host: job.host, port: job.port, timeout: timeout)
                    connections[key] = connection
                }
                let exchanged: (Answer, closes: Bool)
                do {
                    exchanged = try connection.exchange(job.request)
                } catch is SocketConnection.StaleConnection where reused {
                    // The server closed an idle keep-alive connection before reading the request: send it again.
                    connection.close()
                    connection = try SocketConnection(host: job.host, port: job.port, timeout: timeout)
                    connections[key] = connection
                    exchanged = try connection.exchange(job.request)
                }
                if exchanged.closes {
                    connection.close()
                    connections[key] = nil
                }
                job.continuation.resume(returning: exchanged.0)
            } catch {
                connections[key]?.close()
                connections[key] = nil
                job.continuation.resume(throwing: error)
            }
        }
        for connection in connections.values { connection.close() }
    }
}

/// One keep-alive connection, owned by one worker thread.
private final class SocketConnection {
    /// Nothing came back on a reused connection: the server had closed it.
    struct StaleConnection: Error {}

    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)

    init(host: String, port: Int, timeout: Duration) throws {
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let address = result else {
            throw SocketHTTPTransport.Failure(description: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(result) }
        descriptor = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
        guard descriptor >= 0 else { throw SocketHTTPTransport.Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let (seconds, attoseconds) = timeout.components
        var time = timeval(tv_sec: .init(seconds), tv_usec: .init(attoseconds / 1_000_000_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        guard connect(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(descriptor)
            throw SocketHTTPTransport.Failure(description: "cannot connect to \(host):\(port): \(reason)")
        }
    }

    func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    /// Writes the request and reads its answer; `closes` when the connection cannot be used again.
    func exchange(_ request: [UInt8]) throws -> (SocketHTTPTransport.Answer, closes: Bool) {
        buffer.removeAll(keepingCapacity: true)
        var sent = 0
        while sent < request.count {
            let count = request.withUnsafeBytes { bytes in
                Glibc.send(descriptor, bytes.baseAddress! + sent, request.count - sent, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else {
                if sent == 0, errno == EPIPE || errno == ECONNRESET { throw StaleConnection() }
                throw SocketHTTPTransport.Failure(description: "send: \(String(cString: strerror(errno)))")
            }
            sent += count
        }
        // Head.
        var headEnd: Int?
        while headEnd == nil {
            guard try fill() else {
                if buffer.isEmpty { throw StaleConnection() }
                throw SocketHTTPTransport.Failure(description: "the server closed the connection in the middle of a response head")
            }
            headEnd = Self.find([13, 10, 13, 10], in: buffer, from: 0)
        }
        guard let headEnd else { throw SocketHTTPTransport.Failure(description: "no response head") }
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
            throw SocketHTTPTransport.Failure(description: "not an HTTP/1.1 response: \(head.prefix(80))")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var closes = headers["connection"]?.lowercased() == "close" || statusLine[0] == "HTTP/1.0"
        var position = headEnd + 4
        var body = Data()
        if status == 204 || status == 304 || (100..<200).contains(status) {
            // No body.
        } else if let length = headers["content-length"].flatMap({ Int($0) }) {
            while buffer.count - position < length {
                guard try fill() else { throw SocketHTTPTransport.Failure(description: "the server closed the connection in the middle of a body") }
            }
            body = Data(buffer[position..<(position + length)])
        } else if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            while true {
                var lineEnd = Self.find([13, 10], in: buffer, from: position)
                while lineEnd == nil {
                    guard try fill() else { throw SocketHTTPTransport.Failure(description: "the server closed the connection in the middle of a chunk") }
                    lineEnd = Self.find([13, 10], in: buffer, from: position)
                }
                let sizeText = String(decoding: buffer[position..<lineEnd!], as: UTF8.self).split(separator: ";").first ?? ""
                guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                    throw SocketHTTPTransport.Failure(description: "bad chunk size \(sizeText)")
                }
                position = lineEnd! + 2
                if size == 0 {
                    // Trailers end with an empty line.
                    var trailersEnd = Self.find([13, 10], in: buffer, from: position)
                    while trailersEnd == nil {
                        guard try fill() else { break }
                        trailersEnd = Self.find([13, 10], in: buffer, from: position)
                    }
                    break
                }
                while buffer.count - position < size + 2 {
                    guard try fill() else { throw SocketHTTPTransport.Failure(description: "the server closed the connection in the middle of a chunk") }
                }
                body.append(contentsOf: buffer[position..<(position + size)])
                position += size + 2
            }
        } else {
            while try fill() {}
            body = Data(buffer[position...])
            closes = true
        }
        return (SocketHTTPTransport.Answer(status: status, headers: headers, body: body), closes)
    }

    /// Reads more bytes into the buffer; false at the end of the stream.
    private func fill() throws -> Bool {
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 {
            if errno == ECONNRESET, buffer.isEmpty { throw StaleConnection() }
            throw SocketHTTPTransport.Failure(description: "receive: \(String(cString: strerror(errno)))")
        }
        if count == 0 { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= pattern.count, start <= bytes.count - pattern.count else { return nil }
        var index = start
        while index <= bytes.count - pattern.count {
            if bytes[index] == pattern[0], bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }
}
