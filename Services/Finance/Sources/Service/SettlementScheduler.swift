import Logging
import ServiceLifecycle

/// Assembles a settlement batch every `WHOLESAIL_FINANCE_SETTLEMENT_INTERVAL` (requested by `scheduler`) and wakes
/// the poster.
public struct SettlementScheduler: Service {
    public let assembler: SettlementAssembler
    public let poster: SettlementPoster
    public let interval: Duration
    public let logger: Logger

    public init(assembler: SettlementAssembler, poster: SettlementPoster, interval: Duration, logger: Logger) {
        self.assembler = assembler
        self.poster = poster
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval)
                } catch {
                    return
                }
                do {
                    let batches = try await assembler.assemble(requestedBy: "scheduler")
                    for batch in batches {
                        logger.info("settlement batch assembled", metadata: [
                            "batch_id": "\(batch.id)", "status": "\(batch.status.rawValue)", "entries": "\(batch.totals.count)", "currency": "\(batch.currency)",
                        ])
                    }
                    if !batches.isEmpty { poster.wake() }
                } catch {
                    logger.error("scheduled settlement failed; trying again next interval", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
