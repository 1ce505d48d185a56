import Foundation
import Persistence

/// The `edi_documents` table: every document Wholesail generated for a partner, kept for audit and re-sending, and
/// the delivery queue the ``EDIDocumentSender`` works through.
struct EDIDocuments: Sendable {
    /// A stored document as the API lists it.
    struct Document: Codable, Sendable, Hashable {
        var id: String
        var partnerID: String
        var documentType: String
        var orderID: String?
        var source: String
        var interchangeControlNumber: String
        var deliveryStatus: String
        var attempts: Int
        var lastError: String?
        var createdAt: Date
        var deliveredAt: Date?
        /// The X12 text, exactly as sent.
        var body: String
    }

    /// Stores a document unless one of this type already answers `source` for the partner; returns its id, or nil
    /// when it existed (a redelivered event generates nothing twice). `status` is `pending` (to be sent),
    /// `delivered` (answered in an HTTP response) or `held` (no delivery URL: for pickup).
    func insert(
        partnerID: String, documentType: String, orderID: String?, source: String, interchangeControlNumber: Int64, body: String,
        status: String, in transaction: PostgresTransaction
    ) async throws -> String? {
        let id = "edi_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let inserted = try await transaction.execute(
            """
            INSERT INTO edi_documents (id, partner_id, document_type, order_id, source, interchange_control_number, body, delivery_status)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (partner_id, document_type, source) DO NOTHING
            """,
            id, partnerID, documentType, orderID, source, Self.controlNumberText(interchangeControlNumber), body, status
        )
        return inserted == 1 ? id : nil
    }

    /// Whether a document of this type already answers `source`.
    func exists(partnerID: String, documentType: String, source: String, in transaction: PostgresTransaction) async throws -> Bool {
        try await !transaction.query(
            "SELECT 1 FROM edi_documents WHERE partner_id = $1 AND document_type = $2 AND source = $3", partnerID, documentType, source
        ).isEmpty
    }

    static let columns = """
        id, partner_id, document_type, order_id, source, interchange_control_number, delivery_status, attempts, last_error, created_at, delivered_at, body
        """

    static func document(from row: PostgresRow) throws -> Document {
        Document(
            id: try row.decode(String.self, at: 0), partnerID: try row.decode(String.self, at: 1), documentType: try row.decode(String.self, at: 2),
            orderID: try row.decode(String?.self, at: 3), source: try row.decode(String.self, at: 4),
            interchangeControlNumber: try row.decode(String.self, at: 5), deliveryStatus: try row.decode(String.self, at: 6),
            attempts: try row.decode(Int.self, at: 7), lastError: try row.decode(String?.self, at: 8), createdAt: try row.decode(Date.self, at: 9),
            deliveredAt: try row.decode(Date?.self, at: 10), body: try row.decode(String.self, at: 11)
        )
    }

    /// The partner's documents, newest first, optionally of one type or for one order.
    func list(partnerID: String, documentType: String?, orderID: String?, limit: Int, in transaction: PostgresTransaction) async throws -> [Document] {
        try await transaction.query(
            """
            SELECT \(Self.columns) FROM edi_documents
            WHERE partner_id = $1 AND ($2::text IS NULL OR document_type = $2) AND ($3::text IS NULL OR order_id = $3)
            ORDER BY created_at DESC, id DESC LIMIT $4
            """,
            partnerID, documentType, orderID, limit
        ).map(Self.document(from:))
    }

    func document(id: String, partnerID: String, in transaction: PostgresTransaction) async throws -> Document? {
        try await transaction.query("SELECT \(Self.columns) FROM edi_documents WHERE id = $1 AND partner_id = $2", id, partnerID)
            .first.map(Self.document(from:))
    }

    /// Queues a document to be sent again (the same bytes and control numbers: a partner that already has it
    /// recognises the duplicate interchange control number).
    func resend(id: String, partnerID: String, in transaction: PostgresTransaction) async throws -> Bool {
        let updated = try await transaction.execute(
            """
            UPDATE edi_documents SET delivery_status = 'pending', next_attempt_at = now(), last_error = NULL
            WHERE id = $1 AND partner_id = $2
            """,
            id, partnerID
        )
        return updated == 1
    }

    /// ISA13 is nine digits, zero-padded.
    static func controlNumberText(_ number: Int64) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 9 - digits.count)) + digits
    }
}
