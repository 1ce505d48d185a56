#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One keep-alive HTTP/1.1 connection over a blocking POSIX socket, used by exactly one load-generator thread.
///
/// Plain blocking calls on a thread of its own keep the generator's cost per request down to two system calls
/// and out of Swift's cooperative pool, which the server under test needs (the machine has two cores).
/// `TCP_NODELAY` is set so a request is not held back by Nagle's algorithm waiting for the previous ACK.
/// Not `Sendable`: it belongs to the thread that created it.
final class HTTPLoadConnection {
    /// Why an exchange failed; after any of these the connection is closed and the next exchange reconnects.
    enum Failure: Error, CustomStringConvertible {
        /// Could not connect (refused, unreachable, name not resolved).
        case connect(String)
        /// Sending or receiving failed, timed out, or the server closed the connection early.
        case socket(String)
        /// The server's bytes were not an HTTP/1.1 response.
        case protocolViolation(String)

        var description: String {
            switch self {
            case .connect(let reason): "connect failed: \(reason)"
            case .socket(let reason): "socket error: \(reason)"
            case .protocolViolation(let reason): "malformed response: \(reason)"
            }
        }
    }

    private let host: String
    private let port: Int
    private let timeout: Duration
    private var descriptor: Int32 = -1
    private var buffer: [UInt8]
    private var readStart = 0
    private var readEnd = 0
    private var parser = HTTPLoadResponseParser()

    /// - Parameter timeout: longest a send or a receive may block before the exchange counts as failed.
    init(host: String, port: Int, timeout: Duration, bufferSize: Int = 64 * 1024) {
        self.host = host
        self.port = port
        self.timeout = timeout
        buffer = [UInt8](repeating: 0, count: max(bufferSize, HTTPLoadResponseParser.maximumHeadSize + 1024))
    }

    deinit {
        close()
    }

    var isConnected: Bool { descriptor >= 0 }

    /// Opens the socket (first address of `host` that accepts), with `TCP_NODELAY` and the send/receive timeouts.
    func connect() throws(Failure) {
        close()
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Self.streamType
        var addresses: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &addresses)
        guard resolved == 0, let first = addresses else {
            throw .connect("cannot resolve \(host): \(String(cString: gai_strerror(resolved)))")
        }
        defer { freeaddrinfo(first) }

        var lastError = "no address for \(host)"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            candidate = address.pointee.ai_next
            let socketDescriptor = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            guard socketDescriptor >= 0 else {
                lastError = Self.errorText()
                continue
            }
            if Self.systemConnect(socketDescriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 {
                descriptor = socketDescriptor
                configure()
                return
            }
            lastError = "\(host):\(port): \(Self.errorText())"
            Self.systemClose(socketDescriptor)
        }
        throw .connect(lastError)
    }

    /// Closes the socket (if open) and forgets any half-read response.
    func close() {
        if descriptor >= 0 {
            Self.systemClose(descriptor)
            descriptor = -1
        }
        readStart = 0
        readEnd = 0
        parser.reset()
    }

    /// Sends one serialized request and reads its whole response; connects first when not connected.
    /// - Returns: the response's status code.
    /// - Throws: ``Failure``; the connection is then closed.
    func exchange(_ request: [UInt8]) throws(Failure) -> Int {
        if descriptor < 0 {
            try connect()
        }
        do {
            try send(request)
            let response = try receiveResponse()
            if response.closesConnection {
                close()
            }
            return response.status
        } catch {
            close()
            throw error
        }
    }

    private func send(_ bytes: [UInt8]) throws(Failure) {
        let failure: Failure? = bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = Self.sendNoSignal(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if sent < 0 {
                    if errno == EINTR { continue }
                    return .socket(errno == EAGAIN || errno == EWOULDBLOCK ? "send timed out" : "send: \(Self.errorText())")
                }
                offset += sent
            }
            return nil
        }
        if let failure { throw failure }
    }

    private func receiveResponse() throws(Failure) -> HTTPLoadResponseParser.Response {
        while true {
            if readEnd > readStart {
                let step: (used: Int, response: HTTPLoadResponseParser.Response?)
                do {
                    step = try buffer.withUnsafeBufferPointer { all throws(HTTPLoadResponseParser.Malformed) in
                        try parser.consume(UnsafeBufferPointer(rebasing: all[readStart..<readEnd]))
                    }
                } catch {
                    throw .protocolViolation(error.description)
                }
                readStart += step.used
                if readStart == readEnd {
                    readStart = 0
                    readEnd = 0
                }
                if let response = step.response {
                    return response
                }
            }
            // Make room: move unparsed bytes (an incomplete head or chunk line) to the front.
            if readEnd == buffer.count {
                guard readStart > 0 else {
                    throw .protocolViolation("response head or chunk line does not fit in \(buffer.count) bytes")
                }
                let pending = readEnd - readStart
                buffer.withUnsafeMutableBufferPointer { all in
                    guard let base = all.baseAddress else { return }
                    base.update(from: base + readStart, count: pending)
                }
                readStart = 0
                readEnd = pending
            }
            let received = buffer.withUnsafeMutableBytes { raw in
                recv(descriptor, raw.baseAddress.map { $0 + readEnd }, raw.count - readEnd, 0)
            }
            if received > 0 {
                readEnd += received
                continue
            }
            if received == 0 {
                do {
                    if let response = try parser.finishAtEndOfStream() {
                        close()
                        return response
                    }
                } catch {
                    throw .protocolViolation(error.description)
                }
                throw .socket("server closed the connection before responding")
            }
            if errno == EINTR { continue }
            throw .socket(errno == EAGAIN || errno == EWOULDBLOCK ? "no response within \(timeout)" : "recv: \(Self.errorText())")
        }
    }

    private func configure() {
        var enabled: Int32 = 1
        let size = socklen_t(MemoryLayout<Int32>.size)
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &enabled, size)
        #if canImport(Darwin)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &enabled, size)
        #endif
        let components = timeout.components
        var time = timeval()
        time.tv_sec = .init(components.seconds)
        time.tv_usec = .init(components.attoseconds / 1_000_000_000_000)
        if time.tv_sec == 0, time.tv_usec == 0 { time.tv_usec = 1 }
        let timeSize = socklen_t(MemoryLayout<timeval>.size)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, timeSize)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, timeSize)
    }

    #if canImport(Glibc)
    private static let streamType = Int32(SOCK_STREAM.rawValue)

    private static func sendNoSignal(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
        Glibc.send(descriptor, bytes, count, Int32(MSG_NOSIGNAL))
    }

    private static func systemConnect(_ descriptor: Int32, _ address: UnsafePointer<sockaddr>?, _ length: socklen_t) -> Int32 {
        Glibc.connect(descriptor, address, length)
    }

    private static func systemClose(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }
    #else
    private static let streamType = SOCK_STREAM

    private static func sendNoSignal(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
        Darwin.send(descriptor, bytes, count, 0)
    }

    private static func systemConnect(_ descriptor: Int32, _ address: UnsafePointer<sockaddr>?, _ length: socklen_t) -> Int32 {
        Darwin.connect(descriptor, address, length)
    }

    private static func systemClose(_ descriptor: Int32) {
        _ = Darwin.close(descriptor)
    }
    #endif

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
