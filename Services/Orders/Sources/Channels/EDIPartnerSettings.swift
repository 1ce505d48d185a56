import Contracts
import Foundation
import Hummingbird
import Persistence
import ServiceKit

/// A channel's EDI trading partners and their documents:
/// - `PUT`/`GET /v1/channels/edi/partners/{id}`: the partner's configuration (``EDIPartnerConfiguration``).
/// - `GET /v1/channels/edi/partners/{id}/documents[?type=855&orderID=…&limit=50]`: generated documents, newest first,
///   with their delivery status and X12 text — the audit trail, and pickup for partners without a delivery URL.
/// - `POST /v1/channels/edi/partners/{id}/documents/{documentID}/resend`: queue a document for delivery again.
struct EDIPartnerSettings: Sendable {
    struct DocumentList: Codable, Sendable {
        var documents: [EDIDocuments.Document]
    }

    let partners: EDIPartners
    let documents: EDIDocuments
    let pool: PostgresPool

    func put(id: String, body: ByteBuffer, credential: ChannelCredential) async throws -> Response {
        var partner = try StableJSONRequestDecoder.decode(EDIPartnerConfiguration.self, from: Data(body.readableBytesView))
        var errors = partner.violations().map { ProblemDetails.FieldError(pointer: $0.pointer, detail: $0.detail) }
        if !partner.id.isEmpty, partner.id != id {
            errors.append(.init(pointer: "/id", detail: "is \(partner.id) but the path names \(id); omit it or make them equal"))
        }
        if id.isEmpty || id.count > 100 || !id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            errors.append(.init(pointer: "/id", detail: "a partner id is 1 to 100 letters, digits, - and _"))
        }
        partner.id = id
        if partner.channelName != credential.channel {
            errors.append(.init(pointer: "/channelName", detail: "must be \(credential.channel), the channel of the API key used"))
        }
        guard errors.isEmpty else { throw ProblemDetails.validationFailed(errors) }
        try await pool.transaction { transaction in
            if let owner = try await transaction.query("SELECT channel FROM edi_partners WHERE id = $1 FOR UPDATE", id).first,
               try owner.decode(String.self, at: 0) != credential.channel {
                throw Self.notFound(id)
            }
            if let other = try await partners.partner(senderQualifier: partner.interchangeQualifier, senderID: partner.interchangeID, in: transaction),
               other.id != id {
                // Another channel's partner is not named: its existence is all that is given away.
                let owner = other.channelName == credential.channel ? "partner \(other.id)" : "another trading partner"
                throw ProblemDetails.validationFailed([.init(
                    pointer: "/interchangeID", detail: "\(partner.interchangeQualifier)/\(partner.interchangeID) already identifies \(owner)"
                )])
            }
            try await partners.upsert(partner, in: transaction)
        }
        return try StableJSONResponseEncoder.response(partner, status: .ok)
    }

    func get(id: String, credential: ChannelCredential) async throws -> Response {
        try StableJSONResponseEncoder.response(try await owned(id, credential: credential), status: .ok)
    }

    func list(id: String, parameters: [String: String], credential: ChannelCredential) async throws -> Response {
        _ = try await owned(id, credential: credential)
        let limit = Int(parameters["limit"] ?? "50") ?? -1
        guard (1...500).contains(limit) else {
            throw ProblemDetails(type: "urn:wholesail:problem:invalid-parameter", title: "Invalid query parameter", status: .badRequest,
                                 detail: "limit must be a whole number from 1 to 500")
        }
        if let type = parameters["type"], !["997", "855", "856", "810"].contains(type) {
            throw ProblemDetails(type: "urn:wholesail:problem:invalid-parameter", title: "Invalid query parameter", status: .badRequest,
                                 detail: "type must be 997, 855, 856 or 810")
        }
        let found = try await pool.transaction { transaction in
            try await documents.list(partnerID: id, documentType: parameters["type"], orderID: parameters["orderID"], limit: limit, in: transaction)
        }
        return try StableJSONResponseEncoder.response(DocumentList(documents: found), status: .ok)
    }

    func resend(id: String, documentID: String, credential: ChannelCredential) async throws -> Response {
        _ = try await owned(id, credential: credential)
        let document = try await pool.transaction { transaction -> EDIDocuments.Document? in
            guard try await documents.resend(id: documentID, partnerID: id, in: transaction) else { return nil }
            return try await documents.document(id: documentID, partnerID: id, in: transaction)
        }
        guard let document else {
            throw ProblemDetails(type: "urn:wholesail:problem:unknown-document", title: "Unknown EDI document", status: .notFound,
                                 detail: "Partner \(id) has no document \(documentID).")
        }
        return try StableJSONResponseEncoder.response(document, status: .accepted)
    }

    /// `GET /v1/channels/edi/interchanges/{id}`: an interchange a partner sent — its report, the 997, and the body
    /// exactly as received — for audit.
    func interchange(id: String, credential: ChannelCredential) async throws -> Response {
        struct Stored: Codable, Sendable {
            var report: EDIInterchangeReport
            var receivedAt: Date
            var body: String
        }
        let stored = try await pool.transaction { transaction -> Stored? in
            guard let row = try await transaction.query(
                """
                SELECT interchange.report::text, interchange.received_at, interchange.body
                FROM edi_interchanges AS interchange JOIN edi_partners AS partner ON partner.id = interchange.partner_id
                WHERE interchange.id = $1 AND partner.channel = $2
                """,
                id, credential.channel
            ).first else { return nil }
            return Stored(
                report: try JSONDecoder().decode(EDIInterchangeReport.self, from: Data(try row.decode(String.self, at: 0).utf8)),
                receivedAt: try row.decode(Date.self, at: 1), body: String(decoding: try row.decode(Data.self, at: 2), as: UTF8.self)
            )
        }
        guard let stored else {
            throw ProblemDetails(type: "urn:wholesail:problem:unknown-interchange", title: "Unknown EDI interchange", status: .notFound,
                                 detail: "Your channel has no interchange \(id).")
        }
        return try StableJSONResponseEncoder.response(stored, status: .ok)
    }

    private func owned(_ id: String, credential: ChannelCredential) async throws -> EDIPartnerConfiguration {
        let partner = try await pool.transaction { transaction in try await partners.partner(id: id, in: transaction) }
        guard let partner, partner.channelName == credential.channel else { throw Self.notFound(id) }
        return partner
    }

    static func notFound(_ id: String) -> ProblemDetails {
        ProblemDetails(type: "urn:wholesail:problem:unknown-partner", title: "Unknown EDI trading partner", status: .notFound,
                       detail: "Your channel has no EDI trading partner \(id).")
    }
}
