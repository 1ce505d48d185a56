/// The simulator stopped before its HTTP server was listening (and without an error of its own).
public struct ERPSimulatorStartError: Error, Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int

    public var description: String {
        "the ERP simulator stopped before listening on \(host):\(port); check that the address is free and bindable"
    }
}
