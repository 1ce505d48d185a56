import Foundation
import Persistence

/// The SQL over `webhook_deliveries`: claiming due deliveries for the dispatcher, recording outcomes, and the reads
/// and the hand-triggered redelivery of the API.
struct WebhookDeliveryStore: Sendable {
    /// What an attempt comes to, as recorded.
    enum Outcome: Sendable, Hashable {
        /// A 2xx answer.
        case delivered(statusCode: Int)
        /// Not delivered; try again after `retryAfter`.
        case retry(statusCode: Int?, error: String, retryAfter: Duration)
        /// Not delivered and the retry period is used up.
        case failed(statusCode: Int?, error: String)
    }

    /// The longest `last_error` kept.
    static let maximumErrorLength = 500

    /// The columns a ``WebhookDelivery`` is read from (see ``delivery(from:)``), then the cursor key.
    static let deliveryColumns = """
        id, subscription_id, event_id, event_type, status, attempts, last_status_code, last_error, first_attempt_at,
        last_attempt_at, delivered_at, CASE WHEN status = 'pending' THEN next_attempt_at END, created_at,
        (extract(epoch FROM created_at) * 1000000)::bigint
        """

    // MARK: Dispatching

    /// Claims, for up to `limit` active subscriptions not in `excluding` (or only `subscriptionID`), the oldest due
    /// pending delivery each, longest-waiting subscriptions first, and leases them: `next_attempt_at` moves to
    /// `now() + lease`, so no other dispatcher takes them while they are attempted, and they come due again by
    /// themselves if this process dies mid-attempt. Rows another transaction holds are skipped (`SKIP LOCKED`).
    ///
    /// The first claim of a retry period sets `first_attempt_at`; every claim sets `last_attempt_at` (the attempt's
    /// start).
    static let claimStatement = """
        WITH chosen AS (
            SELECT next.id
            FROM webhook_subscriptions s
            CROSS JOIN LATERAL (
                SELECT d.id, d.next_attempt_at FROM webhook_deliveries d
                WHERE d.subscription_id = s.id AND d.status = 'pending' AND d.next_attempt_at <= now()
                ORDER BY d.created_at, d.id
                LIMIT 1
                FOR UPDATE SKIP LOCKED
            ) next
            WHERE s.active AND NOT (s.id = ANY ($1::text[])) AND ($2::text IS NULL OR s.id = $2::text)
            ORDER BY next.next_attempt_at, s.id
            LIMIT $3
        )
        UPDATE webhook_deliveries d
        SET next_attempt_at = now() + make_interval(secs => $4::bigint / 1000.0),
            first_attempt_at = COALESCE(d.first_attempt_at, now()),
            last_attempt_at = now()
        FROM chosen, webhook_subscriptions s
        WHERE d.id = chosen.id AND s.id = d.subscription_id
        RETURNING d.id, d.subscription_id, d.event_id, d.event_type, d.body, d.attempts, s.url, s.secret,
                  GREATEST(0, (extract(epoch FROM now() - d.first_attempt_at) * 1000)::bigint)
        """

    func claim(excluding busy: [String], limit: Int, lease: Duration, on pool: PostgresPool) async throws -> [WebhookClaim] {
        guard limit > 0 else { return [] }
        return try Self.claims(from: await pool.query(
            Self.claimStatement, busy, String?.none, limit, Self.milliseconds(lease)
        ))
    }

    /// The next due delivery of one subscription, claimed inside `transaction` (after recording the previous one).
    func claimNext(subscriptionID: String, lease: Duration, in transaction: PostgresTransaction) async throws -> WebhookClaim? {
        try Self.claims(from: await transaction.query(
            Self.claimStatement, [String](), subscriptionID, 1, Self.milliseconds(lease)
        )).first
    }

    private static func claims(from rows: PostgresRows) throws -> [WebhookClaim] {
        try rows.map { row in
            WebhookClaim(
                deliveryID: try row.decode(String.self, at: 0), subscriptionID: try row.decode(String.self, at: 1),
                eventID: try row.decode(String.self, at: 2), eventType: try row.decode(String.self, at: 3),
                body: try row.decode(String.self, at: 4), attempts: try row.decode(Int.self, at: 5),
                url: try row.decode(String.self, at: 6), secret: try row.decode(String.self, at: 7),
                elapsedSinceFirstAttempt: .milliseconds(try row.decode(Int64.self, at: 8))
            )
        }
    }

    /// Records an attempt's outcome; counts the attempt. A `retry` or `failed` of a delivery that is no longer
    /// pending (its subscription was removed meanwhile) changes nothing; a 2xx is always recorded, being true.
    func record(_ outcome: Outcome, deliveryID: String, in transaction: PostgresTransaction) async throws {
        switch outcome {
        case .delivered(let statusCode):
            _ = try await transaction.execute(
                """
                UPDATE webhook_deliveries
                SET status = 'delivered', attempts = attempts + 1, delivered_at = now(), last_status_code = $2, last_error = NULL
                WHERE id = $1
                """,
                deliveryID, statusCode
            )
        case .retry(let statusCode, let error, let retryAfter):
            _ = try await transaction.execute(
                """
                UPDATE webhook_deliveries
                SET attempts = attempts + 1, last_status_code = $2, last_error = $3,
                    next_attempt_at = now() + make_interval(secs => $4::bigint / 1000.0)
                WHERE id = $1 AND status = 'pending'
                """,
                deliveryID, statusCode, Self.truncated(error), Self.milliseconds(retryAfter)
            )
        case .failed(let statusCode, let error):
            _ = try await transaction.execute(
                """
                UPDATE webhook_deliveries
                SET status = 'failed', attempts = attempts + 1, last_status_code = $2, last_error = $3
                WHERE id = $1 AND status = 'pending'
                """,
                deliveryID, statusCode, Self.truncated(error)
            )
        }
    }

    /// How long until the next pending delivery of an active subscription not in `excluding` comes due (zero when
    /// one is due now); nil when there is none.
    func untilNextDue(excluding busy: [String], on pool: PostgresPool) async throws -> Duration? {
        let row = try await pool.query(
            """
            SELECT (extract(epoch FROM min(d.next_attempt_at) - now()) * 1000)::bigint
            FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.active
            WHERE d.status = 'pending' AND NOT (d.subscription_id = ANY ($1::text[]))
            """,
            busy
        ).first
        // Clamped here, not with SQL's GREATEST: GREATEST(0, NULL) is 0, which made "nothing pending" read as "due
        // now" and the dispatcher look again every 10 ms of an idle day.
        return try row?.decode(Int64?.self, at: 0).map { .milliseconds(max(0, $0)) }
    }

    // MARK: API

    /// One delivery, or nil.
    func delivery(id: String, on pool: PostgresPool) async throws -> WebhookDelivery? {
        try await pool.query("SELECT \(Self.deliveryColumns) FROM webhook_deliveries WHERE id = $1", id).first.map(Self.delivery(from:))
    }

    /// Up to `limit` deliveries, newest first, after `cursor`; with the cursor of the next page when there is one.
    func deliveries(
        status: WebhookDeliveryStatus?, subscriptionID: String?, limit: Int, after cursor: WebhookCursor?, on pool: PostgresPool
    ) async throws -> WebhookDeliveryPage {
        let rows = try await pool.query(
            """
            SELECT \(Self.deliveryColumns) FROM webhook_deliveries
            WHERE ($1::text IS NULL OR status = $1::text) AND ($2::text IS NULL OR subscription_id = $2::text)
              AND ($3::bigint IS NULL OR (created_at, id) < ('epoch'::timestamptz + $3::bigint * interval '1 microsecond', $4::text))
            ORDER BY created_at DESC, id DESC
            LIMIT $5
            """,
            status?.rawValue, subscriptionID, cursor?.createdAtMicroseconds, cursor?.id ?? "", limit + 1
        )
        let deliveries = try rows.prefix(limit).map(Self.delivery(from:))
        var next: String?
        if rows.count > limit, let last = rows.prefix(limit).last {
            next = WebhookCursor(createdAtMicroseconds: try last.decode(Int64.self, at: 13), id: try last.decode(String.self, at: 0)).encoded()
        }
        return WebhookDeliveryPage(deliveries: deliveries, nextCursor: next)
    }

    /// What a redelivery request found.
    enum Redelivery: Sendable {
        case queued(WebhookDelivery)
        case notFound
        /// Still pending: it is being retried already.
        case alreadyPending(WebhookDelivery)
        /// Its subscription was removed: nothing would send it.
        case subscriptionRemoved(WebhookDelivery)
        /// A newer delivery of the same state (``WebhookOutbox/enqueue(eventID:eventType:body:subscriptionID:supersedeKey:in:)``)
        /// was queued after it: sending it again would put an old state over the newer one at the receiver.
        case superseded(WebhookDelivery)
    }

    /// Makes a `failed` or `delivered` delivery `pending` and due now, with a fresh retry period (`first_attempt_at`
    /// cleared; the next claim sets it); attempts and the last error are kept. A delivery superseded by a newer one
    /// of the same state (same `supersede_key`) is not sent again.
    func redeliver(id: String, on pool: PostgresPool) async throws -> Redelivery {
        try await pool.transaction { transaction in
            guard let current = try await transaction.query(
                """
                SELECT d.status, s.active,
                       d.supersede_key IS NOT NULL AND EXISTS (
                           SELECT 1 FROM webhook_deliveries newer
                           WHERE newer.subscription_id = d.subscription_id AND newer.supersede_key = d.supersede_key
                             AND (newer.created_at, newer.id) > (d.created_at, d.id))
                FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
                WHERE d.id = $1 FOR UPDATE OF d
                """,
                id
            ).first else { return .notFound }
            let status = try current.decode(WebhookDeliveryStatus.self, at: 0)
            let active = try current.decode(Bool.self, at: 1)
            let superseded = try current.decode(Bool.self, at: 2)
            if status == .pending || !active || superseded {
                guard let delivery = try await transaction.query("SELECT \(Self.deliveryColumns) FROM webhook_deliveries WHERE id = $1", id)
                    .first.map(Self.delivery(from:)) else { return .notFound }
                if status == .pending { return .alreadyPending(delivery) }
                return active ? .superseded(delivery) : .subscriptionRemoved(delivery)
            }
            guard let row = try await transaction.query(
                """
                UPDATE webhook_deliveries
                SET status = 'pending', next_attempt_at = now(), first_attempt_at = NULL, delivered_at = NULL
                WHERE id = $1
                RETURNING \(Self.deliveryColumns)
                """,
                id
            ).first else { return .notFound }
            return .queued(try Self.delivery(from: row))
        }
    }

    // MARK: Rows

    /// Deletes up to `batch` delivered or failed deliveries whose last activity is older than `retention`; returns how
    /// many. Pending ones are never deleted.
    func purge(olderThan retention: Duration, batch: Int, on pool: PostgresPool) async throws -> Int {
        try await pool.execute(
            """
            DELETE FROM webhook_deliveries WHERE id IN (
                SELECT id FROM webhook_deliveries
                WHERE status IN ('delivered', 'failed')
                  AND COALESCE(delivered_at, last_attempt_at, created_at) < now() - make_interval(secs => $1::bigint / 1000.0)
                LIMIT $2
                FOR UPDATE SKIP LOCKED)
            """,
            Self.milliseconds(retention), batch
        )
    }

    static func delivery(from row: PostgresRow) throws -> WebhookDelivery {
        WebhookDelivery(
            id: try row.decode(String.self, at: 0), subscriptionID: try row.decode(String.self, at: 1),
            eventID: try row.decode(String.self, at: 2), eventType: try row.decode(String.self, at: 3),
            status: try row.decode(WebhookDeliveryStatus.self, at: 4), attempts: try row.decode(Int.self, at: 5),
            lastStatusCode: try row.decode(Int?.self, at: 6), lastError: try row.decode(String?.self, at: 7),
            firstAttemptAt: try row.decode(Date?.self, at: 8), lastAttemptAt: try row.decode(Date?.self, at: 9),
            deliveredAt: try row.decode(Date?.self, at: 10), nextAttemptAt: try row.decode(Date?.self, at: 11),
            createdAt: try row.decode(Date.self, at: 12)
        )
    }

    /// Whole milliseconds, rounded up so a lease or a backoff never comes out shorter than asked.
    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return seconds > 0 ? Int64.max / 2 : 0 }
        return max(0, whole + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }

    static func truncated(_ error: String) -> String {
        error.count <= maximumErrorLength ? error : String(error.prefix(maximumErrorLength - 1)) + "…"
    }
}
