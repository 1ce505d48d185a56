import ServiceKit

/// The inventory service's own settings, read from the environment next to ``ServiceConfiguration``.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `WHOLESAIL_INVENTORY_RESERVATION_HOLD` | `30m` | how long a reservation holds before the sweeper releases it |
/// | `WHOLESAIL_INVENTORY_SWEEP_INTERVAL` | `30s` | how often expired reservations are looked for |
public struct InventoryConfiguration: Sendable {
    public var reservationHold: Duration
    public var sweepInterval: Duration

    public init(reservationHold: Duration = .seconds(30 * 60), sweepInterval: Duration = .seconds(30)) {
        self.reservationHold = reservationHold
        self.sweepInterval = sweepInterval
    }

    public init(environment: EnvironmentReader) throws(ConfigurationError) {
        self.init()
        reservationHold = try environment.duration("WHOLESAIL_INVENTORY_RESERVATION_HOLD", default: reservationHold, in: .seconds(1) ... .seconds(30 * 86_400))
        sweepInterval = try environment.duration("WHOLESAIL_INVENTORY_SWEEP_INTERVAL", default: sweepInterval, in: .milliseconds(100) ... .seconds(3600))
    }
}
