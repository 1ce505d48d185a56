import ServiceKit
import Synchronization

/// Whether this instance's ``PriceVersionListener`` is consuming: until it is, an import by another instance could
/// go unheard (only the periodic refresh would catch it), so `/health/ready` reports the instance not ready.
public final class PriceVersionSubscription: ReadinessCheck {
    private let consuming = Mutex(false)

    public init() {}

    public var name: String { "price-version-listener" }

    public var isConsuming: Bool { consuming.withLock { $0 } }

    func set(_ value: Bool) {
        consuming.withLock { $0 = value }
    }

    public func check() async throws {
        guard isConsuming else { throw NotListening() }
    }

    struct NotListening: Error, CustomStringConvertible {
        var description: String { "not yet listening for price versions published by other instances (connecting to RabbitMQ)" }
    }
}
