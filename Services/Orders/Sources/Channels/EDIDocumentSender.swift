import Foundation
import Logging
import Metrics
import Persistence
import ServiceKit
import ServiceLifecycle

/// Delivers generated EDI documents (997, 855, 856, 810) to each partner's `deliveryURL`, in the order they were
/// generated, each until the partner takes it.
///
/// - Order per partner: only a partner's oldest undelivered document is sent; while it fails, the partner's later
///   documents wait, so an 856 never arrives before its 855.
/// - Delivered: any 2xx answer.
/// - Failures: a timeout, 408, 429 or 5xx backs off exponentially (``RetryBackoff``) and tries again; any other
///   answer holds the document with the partner's answer as `lastError`, for an operator to fix and re-send
///   (`POST /v1/channels/edi/partners/{id}/documents/{documentID}/resend`). Partners without a URL get documents
///   `held` for pickup.
/// - One sender at a time across instances (a transaction-scoped advisory lock); the document is marked delivered in
///   the transaction that held it during the call, and the interchange control number lets a partner discard the
///   duplicate if a crash repeats a delivery.
struct EDIDocumentSender: Service {
    let pool: PostgresPool
    let configuration: OrdersConfiguration
    let logger: Logger
    private let poster: IdempotentHTTPPoster
    private let delivered: Counter
    private let failed: Counter

    init(pool: PostgresPool, configuration: OrdersConfiguration, logger: Logger, metricsFactory: any MetricsFactory) {
        self.pool = pool
        self.configuration = configuration
        self.logger = logger
        poster = IdempotentHTTPPoster(timeout: configuration.ediDeliveryTimeout)
        delivered = Counter(label: "orders_edi_documents_delivered_total", factory: metricsFactory)
        failed = Counter(label: "orders_edi_document_delivery_failures_total", factory: metricsFactory)
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var sent = 0
                do {
                    sent = try await round()
                } catch {
                    logger.warning("EDI document round failed", metadata: ["error": "\(error)"])
                }
                if sent == 0 {
                    try? await Task.sleep(for: configuration.ediPollInterval)
                }
            }
        }
    }

    /// Sends the due head document of every partner; returns how many it delivered.
    func round() async throws -> Int {
        try await pool.transaction { transaction -> Int in
            let locked = try await transaction.query(
                "SELECT pg_try_advisory_xact_lock(hashtext(current_schema()), hashtext('edi-document-sender'))"
            ).first?.decode(Bool.self, at: 0) ?? false
            guard locked else { return 0 }
            let heads = try await transaction.query(
                """
                SELECT head.id, head.partner_id, head.document_type, head.body, head.attempts, head.next_attempt_at <= now(),
                       partner.configuration ->> 'deliveryURL'
                FROM (SELECT DISTINCT ON (partner_id) * FROM edi_documents WHERE delivery_status = 'pending'
                      ORDER BY partner_id, created_at, id) AS head
                JOIN edi_partners AS partner ON partner.id = head.partner_id
                """
            )
            var count = 0
            for row in heads {
                let id = try row.decode(String.self, at: 0)
                guard try row.decode(Bool.self, at: 5) else { continue }
                let attempts = try row.decode(Int.self, at: 4) + 1
                guard let urlText = try row.decode(String?.self, at: 6), let url = URL(string: urlText) else {
                    _ = try await transaction.execute(
                        "UPDATE edi_documents SET delivery_status = 'held', last_error = 'the partner has no deliveryURL: fetch it from the documents API' WHERE id = $1", id
                    )
                    continue
                }
                let body = Data(try row.decode(String.self, at: 3).utf8)
                switch await poster.post(body, to: url, idempotencyKey: id, contentType: "application/edi-x12", accepting: 200...299) {
                case .accepted:
                    _ = try await transaction.execute(
                        "UPDATE edi_documents SET delivery_status = 'delivered', attempts = $2, delivered_at = now(), last_error = NULL WHERE id = $1", id, attempts
                    )
                    delivered.increment()
                    count += 1
                case .unavailable(let reason):
                    var random = SystemRandomNumberGenerator()
                    let delay = RetryBackoff(initial: configuration.ediRetryInitial, maximum: configuration.ediRetryMaximum).delay(afterAttempt: attempts, random: &random)
                    _ = try await transaction.execute(
                        """
                        UPDATE edi_documents SET attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4 / 1000.0)
                        WHERE id = $1
                        """,
                        id, attempts, reason, OrdersStore.milliseconds(delay)
                    )
                    failed.increment()
                    logger.notice("EDI document delivery failed; retrying", metadata: ["document": "\(id)", "attempt": "\(attempts)", "reason": "\(reason)"])
                case .refused(let reason):
                    _ = try await transaction.execute(
                        "UPDATE edi_documents SET delivery_status = 'held', attempts = $2, last_error = $3 WHERE id = $1", id, attempts, reason
                    )
                    failed.increment()
                    logger.warning("EDI document refused by the partner; held for an operator", metadata: ["document": "\(id)", "reason": "\(reason)"])
                }
            }
            return count
        }
    }
}
