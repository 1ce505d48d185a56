import Logging
import Persistence
import ServiceLifecycle

/// Releases reservations whose hold expired before the order shipped or was released (an order stuck upstream
/// must not keep stock from other channels forever). Runs every `interval`; each expired reservation is released
/// in its own transaction with `SKIP LOCKED`, so several instances share the work and a busy reservation is
/// simply taken next round.
public struct ReservationSweeper: Service {
    public let pool: PostgresPool
    public let reserver: Reserver
    public let interval: Duration
    public let logger: Logger

    public init(pool: PostgresPool, reserver: Reserver, interval: Duration, logger: Logger) {
        self.pool = pool
        self.reserver = reserver
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let released = try await sweep()
                    if released > 0 { logger.info("released expired reservations", metadata: ["count": "\(released)"]) }
                } catch {
                    logger.warning("reservation sweep failed; retrying next round", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Releases up to 100 expired reservations; returns how many.
    public func sweep() async throws -> Int {
        var released = 0
        for _ in 0..<100 {
            let didRelease = try await pool.transaction { transaction -> Bool in
                guard let row = try await transaction.query(
                    """
                    SELECT order_id FROM reservations WHERE status = 'reserved' AND expires_at < now()
                    ORDER BY expires_at LIMIT 1 FOR UPDATE SKIP LOCKED
                    """
                ).first else { return false }
                return try await reserver.release(orderID: try row.decode(String.self, at: 0), status: "expired", cause: "expiry", in: transaction)
            }
            guard didRelease else { break }
            released += 1
        }
        return released
    }
}
