import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import Persistence
import ServiceKit
import X12

/// `POST /v1/channels/edi/interchanges`: takes a raw X12 interchange from a trading partner and answers with its
/// 997 functional acknowledgment, in one transaction that stores the interchange, the orders of its valid 850s and
/// the 997.
///
/// - Separators come from the ISA; control numbers and counts are checked at every level (``X12Reader``).
/// - Each transaction set stands alone: valid 850s become orders (through the same intake as `POST /v1/orders`),
///   broken or unmappable ones are rejected in the 997 naming the segment — a partially valid interchange is
///   partially accepted. Broken envelopes reject the groups they affect; never a 500.
/// - The partner is found by ISA05/ISA06 and must belong to the API key's channel. The same interchange
///   (partner, ISA13) sent again gets the first answer and creates nothing.
/// - `Accept: application/edi-x12` answers with the 997 itself; otherwise a JSON report with the 997 in it.
struct EDIInterchangeIntake: Sendable {
    let partners: EDIPartners
    let documents: EDIDocuments
    let acceptor: ChannelOrderAcceptor
    let pool: PostgresPool
    let interchanges: Counter
    let ordersAccepted: Counter

    init(partners: EDIPartners, documents: EDIDocuments, acceptor: ChannelOrderAcceptor, pool: PostgresPool, metricsFactory: any MetricsFactory) {
        self.partners = partners
        self.documents = documents
        self.acceptor = acceptor
        self.pool = pool
        interchanges = Counter(label: "orders_edi_interchanges_total", factory: metricsFactory)
        ordersAccepted = Counter(label: "orders_edi_orders_accepted_total", factory: metricsFactory)
    }

    func receive(_ bytes: [UInt8], acceptsX12: Bool, credential: ChannelCredential) async throws -> Response {
        let interchange: X12Interchange
        switch X12Reader.read(bytes) {
        case .envelopeFailure(let failure):
            throw ProblemDetails(type: "urn:wholesail:problem:unreadable-interchange", title: "The X12 interchange cannot be read",
                                 status: .unprocessableContent, detail: failure.description)
        case .interchange(let read):
            interchange = read
        }
        interchanges.increment()
        let report = try await pool.transaction { transaction -> EDIInterchangeReport in
            guard let partner = try await partners.partner(senderQualifier: interchange.senderQualifier, senderID: interchange.senderID, in: transaction),
                  partner.channelName == credential.channel else {
                throw ProblemDetails(
                    type: "urn:wholesail:problem:unknown-partner", title: "Unknown EDI trading partner", status: .notFound,
                    detail: "No trading partner of channel \(credential.channel) sends as \(interchange.senderQualifier)/\(interchange.senderID) (ISA05/ISA06); configure it with PUT /v1/channels/edi/partners/{id}."
                )
            }
            if let stored = try await transaction.query(
                "SELECT report::text FROM edi_interchanges WHERE partner_id = $1 AND interchange_control_number = $2",
                partner.id, interchange.controlNumber
            ).first {
                return try JSONDecoder().decode(EDIInterchangeReport.self, from: Data(try stored.decode(String.self, at: 0).utf8))
            }
            return try await process(interchange, bytes: bytes, partner: partner, in: transaction)
        }
        if acceptsX12 {
            var headers = HTTPFields()
            headers[.contentType] = "application/edi-x12"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: report.acknowledgment)))
        }
        return try StableJSONResponseEncoder.response(report, status: .ok)
    }

    private func process(_ interchange: X12Interchange, bytes: [UInt8], partner: EDIPartnerConfiguration, in transaction: PostgresTransaction) async throws -> EDIInterchangeReport {
        let interchangeID = "edx_" + CorrelationID.generate()
        var additionalErrors: [String: [X12SyntaxError]] = [:]
        var sets: [EDIInterchangeReport.TransactionSet] = []
        var accepted: [(order: String, purchaseOrder: EDIPurchaseOrderRecord)] = []
        for group in interchange.groups {
            for set in group.transactionSets {
                var entry = EDIInterchangeReport.TransactionSet(
                    groupControlNumber: group.controlNumber, controlNumber: set.controlNumber, type: set.identifier,
                    status: "rejected", problems: set.errors.map(Self.problem) + group.errors.map(Self.problem)
                )
                defer { sets.append(entry) }
                guard interchange.errors.isEmpty, group.status != .rejected, set.status == .accepted else { continue }
                guard set.identifier == "850" else {
                    entry.status = "not-processed"
                    continue
                }
                let purchaseOrder: PurchaseOrder850
                do {
                    purchaseOrder = try PurchaseOrder850(set)
                } catch {
                    additionalErrors[set.controlNumber, default: []].append(error.syntaxError)
                    entry.problems.append(Self.problem(error.syntaxError))
                    continue
                }
                entry.purchaseOrderNumber = purchaseOrder.purchaseOrderNumber
                let mapped: X12PurchaseOrderMapper.Mapped
                do {
                    mapped = try X12PurchaseOrderMapper.map(purchaseOrder, segments: set.segments, partner: partner)
                } catch {
                    let syntax = error.problems.map(\.syntaxError)
                    additionalErrors[set.controlNumber, default: []].append(contentsOf: syntax)
                    entry.problems.append(contentsOf: syntax.map(Self.problem))
                    continue
                }
                switch try await acceptor.accept(mapped.request, channel: partner.channelName,
                                                 deduplicationKey: "edi:\(partner.id):\(purchaseOrder.purchaseOrderNumber)", in: transaction) {
                case .accepted(let orderID):
                    entry.orderID = orderID
                    accepted.append((orderID, mapped.record))
                    ordersAccepted.increment()
                case .existing(let orderID):
                    entry.orderID = orderID
                    entry.duplicate = true
                }
                entry.status = "accepted"
            }
        }
        let acknowledgments = FunctionalAcknowledgment.acknowledgments(for: interchange, additionalErrors: additionalErrors)
        let acknowledgment = try await EDIEnvelope(partner: partner, partners: partners).write(
            functionalIdentifier: "FA", sets: acknowledgments.map { ($0.segments(), "997") }, in: transaction
        )
        let acceptedCount = sets.filter { $0.status != "rejected" }.count
        let status = acceptedCount == 0 ? "rejected" : (acceptedCount == sets.count && interchange.errors.isEmpty ? "accepted" : "partially-accepted")
        var report = EDIInterchangeReport(
            interchangeID: interchangeID, partnerID: partner.id, interchangeControlNumber: interchange.controlNumber, status: status,
            interchangeProblems: interchange.errors.map(Self.problem), transactionSets: sets, acknowledgmentDocumentID: nil,
            acknowledgment: acknowledgment.text
        )
        // The 997 was answered in this response: stored as delivered, for audit and re-sending.
        report.acknowledgmentDocumentID = try await documents.insert(
            partnerID: partner.id, documentType: "997", orderID: nil, source: "interchange:\(interchange.controlNumber)",
            interchangeControlNumber: acknowledgment.interchangeControlNumber, body: acknowledgment.text, status: "delivered", in: transaction
        )
        _ = try await transaction.execute(
            """
            INSERT INTO edi_interchanges (id, partner_id, interchange_control_number, body, status, report, acknowledgment_document_id)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
            """,
            interchangeID, partner.id, interchange.controlNumber, Data(bytes), status,
            String(decoding: try StableJSON.encode(report), as: UTF8.self), report.acknowledgmentDocumentID
        )
        for (orderID, record) in accepted {
            _ = try await transaction.execute(
                "INSERT INTO edi_orders (order_id, partner_id, interchange_id, po_number, purchase_order) VALUES ($1, $2, $3, $4, $5::jsonb)",
                orderID, partner.id, interchangeID, record.purchaseOrderNumber, String(decoding: try StableJSON.encode(record), as: UTF8.self)
            )
        }
        return report
    }

    static func problem(_ error: X12SyntaxError) -> EDIInterchangeReport.Problem {
        EDIInterchangeReport.Problem(segment: error.segmentID, position: error.position, element: error.elementPosition,
                                     code: error.code.value, detail: error.message)
    }
}
