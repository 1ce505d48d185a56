import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loopback TCP proxy in front of PostgreSQL that a test can stop and start again, to simulate the server going
/// away (every connection dropped, new ones refused) and coming back, without touching the shared server.
/// Blocking socket calls run on threads of its own, never on Swift's cooperative pool.
final class TCPProxy: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The port clients connect to (stays the same across stop/start).
    private(set) var port: UInt16 = 0
    private let upstreamPort: UInt16
    private let lock = NSLock()
    private var listener: Int32 = -1
    private var openSockets: Set<Int32> = []

    init(upstreamPort: Int) throws {
        self.upstreamPort = UInt16(upstreamPort)
        try self.start()
    }

    deinit {
        self.stop()
    }

    /// Listens again (on the same port after the first start).
    func start() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket() failed: \(errno)") }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: self.port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 64) == 0 else {
            close(descriptor)
            throw Failure(description: "bind/listen on port \(self.port) failed: \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.lock.withLock {
            self.port = UInt16(bigEndian: address.sin_port)
            self.listener = descriptor
        }
        let thread = Thread { [self] in self.acceptLoop(descriptor) }
        thread.start()
    }

    /// Drops every proxied connection and refuses new ones until ``start()``.
    func stop() {
        let (listener, sockets) = self.lock.withLock {
            defer {
                self.listener = -1
                self.openSockets.removeAll()
            }
            return (self.listener, self.openSockets)
        }
        if listener >= 0 {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
        for socket in sockets {
            shutdown(socket, Int32(SHUT_RDWR))
        }
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private func acceptLoop(_ listener: Int32) {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: self.upstreamPort)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            let registered = self.lock.withLock { () -> Bool in
                guard connected == 0, self.listener == listener else { return false }
                self.openSockets.insert(client)
                self.openSockets.insert(upstream)
                return true
            }
            guard registered else {
                close(client)
                close(upstream)
                continue
            }
            let pair = Pair(first: client, second: upstream, proxy: self)
            Thread { pair.pump(from: client, to: upstream) }.start()
            Thread { pair.pump(from: upstream, to: client) }.start()
        }
    }

    fileprivate func forget(_ sockets: [Int32]) {
        self.lock.withLock {
            for socket in sockets { self.openSockets.remove(socket) }
        }
    }

    /// Two connected sockets; closed once both directions have ended.
    private final class Pair: @unchecked Sendable {
        let first: Int32
        let second: Int32
        let proxy: TCPProxy
        private let lock = NSLock()
        private var finishedDirections = 0

        init(first: Int32, second: Int32, proxy: TCPProxy) {
            self.first = first
            self.second = second
            self.proxy = proxy
        }

        func pump(from source: Int32, to destination: Int32) {
            var buffer = [UInt8](repeating: 0, count: 16 * 1024)
            loop: while true {
                let count = buffer.withUnsafeMutableBytes { recv(source, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                var offset = 0
                while offset < count {
                    let written = buffer.withUnsafeBytes { send(destination, $0.baseAddress! + offset, count - offset, Int32(MSG_NOSIGNAL)) }
                    if written <= 0 { break loop }
                    offset += written
                }
            }
            shutdown(self.first, Int32(SHUT_RDWR))
            shutdown(self.second, Int32(SHUT_RDWR))
            let bothDone = self.lock.withLock { () -> Bool in
                self.finishedDirections += 1
                return self.finishedDirections == 2
            }
            if bothDone {
                self.proxy.forget([self.first, self.second])
                close(self.first)
                close(self.second)
            }
        }
    }
}
