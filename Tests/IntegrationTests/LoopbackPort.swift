#if canImport(Glibc)
import Glibc
#endif

/// Free TCP ports on 127.0.0.1 for the service processes.
enum LoopbackPort {
    /// A port the kernel just handed out for 127.0.0.1 (bound to port 0, read back, released). Another program could
    /// take it before the service binds it; the ephemeral range makes that unlikely, and a service that cannot bind
    /// exits, which the suite reports with its log.
    static func free() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SuiteSetupError("cannot open a socket to find a free port: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw SuiteSetupError("cannot bind 127.0.0.1:0 to find a free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
