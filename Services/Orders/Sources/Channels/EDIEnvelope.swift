import Foundation
import Persistence
import X12

/// Wraps transaction sets Wholesail generated for a partner in an interchange written the partner's way
/// (separators, version, identifiers), taking fresh interchange, group and set control numbers in the caller's
/// transaction.
struct EDIEnvelope: Sendable {
    struct Written: Sendable {
        var text: String
        var interchangeControlNumber: Int64
    }

    let partner: EDIPartnerConfiguration
    let partners: EDIPartners

    /// One interchange with one functional group of `sets` (body segments between ST and SE, and ST01).
    func write(functionalIdentifier: String, sets: [(body: [X12Segment], identifier: String)], in transaction: PostgresTransaction) async throws -> Written {
        let interchangeNumber = try await partners.nextControlNumber("interchange", partnerID: partner.id, in: transaction)
        let groupNumber = try await partners.nextControlNumber("group", partnerID: partner.id, in: transaction)
        var outgoing: [X12OutgoingTransactionSet] = []
        for set in sets {
            let number = try await partners.nextControlNumber("set", partnerID: partner.id, in: transaction)
            outgoing.append(X12OutgoingTransactionSet(identifier: set.identifier, controlNumber: Self.setControlNumber(number), body: set.body))
        }
        let header = X12EnvelopeHeader(
            senderQualifier: partner.ownQualifier, senderID: partner.ownID,
            receiverQualifier: partner.interchangeQualifier, receiverID: partner.interchangeID,
            applicationSender: partner.ownApplicationCode ?? partner.ownID, applicationReceiver: partner.applicationCode ?? partner.interchangeID,
            functionalIdentifier: functionalIdentifier, date: Date(),
            interchangeControlNumber: Int(interchangeNumber), groupControlNumber: Int(groupNumber),
            version: partner.groupVersion, interchangeVersion: partner.version, usage: partner.usage, acknowledgmentRequested: false
        )
        let text = try X12Writer(delimiters: try delimiters()).interchange(header: header, transactionSets: outgoing)
        return Written(text: text, interchangeControlNumber: interchangeNumber)
    }

    /// ST02: at least four digits.
    static func setControlNumber(_ number: Int64) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    func delimiters() throws -> X12Delimiters {
        let configured = partner.delimiters
        func scalar(_ text: String, _ name: String) throws -> Unicode.Scalar {
            guard text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first else {
                throw OrdersStoreError.corrupt("partner \(partner.id) has an unusable \(name) separator \"\(text)\"")
            }
            return scalar
        }
        return X12Delimiters(
            elementSeparator: try scalar(configured.element, "element"), componentSeparator: try scalar(configured.component, "component"),
            repetitionSeparator: try configured.repetition.map { try scalar($0, "repetition") },
            segmentTerminator: try scalar(configured.segment, "segment"), terminatorSuffix: configured.segmentSuffix
        )
    }
}
