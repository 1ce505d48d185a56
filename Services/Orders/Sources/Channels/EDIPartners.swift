import Contracts
import Foundation
import Persistence

/// The `edi_partners` and `edi_control_numbers` tables.
struct EDIPartners: Sendable {
    func partner(id: String, in transaction: PostgresTransaction) async throws -> EDIPartnerConfiguration? {
        try await transaction.query("SELECT configuration::text FROM edi_partners WHERE id = $1", id).first.map(Self.configuration(from:))
    }

    /// The partner that sends interchanges as ISA05 `qualifier` / ISA06 `id`.
    func partner(senderQualifier qualifier: String, senderID id: String, in transaction: PostgresTransaction) async throws -> EDIPartnerConfiguration? {
        try await transaction.query(
            "SELECT configuration::text FROM edi_partners WHERE sender_qualifier = $1 AND sender_id = $2", qualifier, id
        ).first.map(Self.configuration(from:))
    }

    func upsert(_ partner: EDIPartnerConfiguration, in transaction: PostgresTransaction) async throws {
        _ = try await transaction.execute(
            """
            INSERT INTO edi_partners (id, channel, sender_qualifier, sender_id, configuration) VALUES ($1, $2, $3, $4, $5::jsonb)
            ON CONFLICT (id) DO UPDATE SET channel = EXCLUDED.channel, sender_qualifier = EXCLUDED.sender_qualifier,
                sender_id = EXCLUDED.sender_id, configuration = EXCLUDED.configuration, updated_at = now()
            """,
            partner.id, partner.channelName, partner.interchangeQualifier, partner.interchangeID,
            String(decoding: try StableJSON.encode(partner), as: UTF8.self)
        )
    }

    /// The next control number of `kind` (`interchange`, `group`, `set`) for the partner, taken in the caller's
    /// transaction: the row lock orders concurrent writers, and a rollback gives the number back.
    func nextControlNumber(_ kind: String, partnerID: String, in transaction: PostgresTransaction) async throws -> Int64 {
        let row = try await transaction.query(
            """
            INSERT INTO edi_control_numbers (partner_id, kind, last_value) VALUES ($1, $2, 1)
            ON CONFLICT (partner_id, kind) DO UPDATE SET
                last_value = CASE WHEN edi_control_numbers.last_value >= 999999999 THEN 1 ELSE edi_control_numbers.last_value + 1 END
            RETURNING last_value
            """,
            partnerID, kind
        ).first
        guard let row else { throw OrdersStoreError.corrupt("no control number for \(partnerID) \(kind)") }
        return try row.decode(Int64.self, at: 0)
    }

    static func configuration(from row: PostgresRow) throws -> EDIPartnerConfiguration {
        try JSONDecoder().decode(EDIPartnerConfiguration.self, from: Data(try row.decode(String.self, at: 0).utf8))
    }
}
