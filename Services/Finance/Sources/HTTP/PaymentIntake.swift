import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import Persistence
import ServiceKit

/// `POST /v1/payments`: a payment from the gateway, applied to the customer's open invoices — to those it references
/// (invoice numbers or order ids), else oldest first (``PaymentAllocator``). Under-payments leave invoices partly
/// open; over-payments stay unapplied on the account. `finance.payment.received.v1`.
///
/// ```json
/// {"paymentID": "psp-7731", "customer": "C-10042", "amount": {"amount": "119.00", "currency": "EUR"},
///  "references": ["INV-2026-000041"], "receivedAt": "2026-12-10T09:30:00Z"}
/// ```
/// Idempotent by `paymentID`: the same payment again answers the first result (`Idempotent-Replayed: true`); the
/// same id with other content is 409.
struct PaymentIntake: Sendable {
    let store: FinanceStore
    let pool: PostgresPool

    static let members: Set<String> = ["paymentID", "customer", "amount", "references", "receivedAt"]

    struct Request: Codable, Hashable {
        var paymentID: String
        var customer: String
        var amount: Money
        var references: [String]
        var receivedAt: Date?
    }

    static func validate(_ body: JSONValue) throws(ProblemDetails) -> Request {
        var reader = try FieldReader(body, allowed: members)
        let paymentID = reader.text("paymentID", required: true)
        let customer = reader.text("customer", required: true)
        let amount = reader.money("amount")
        if let amount, amount.minorUnits <= 0 { reader.fail("/amount/amount", "a payment must be more than zero") }
        var references: [String] = []
        if let value = reader.object["references"], value != .null {
            if let items = value.arrayValue, items.count <= 100 {
                for (index, item) in items.enumerated() {
                    if let text = item.stringValue, (1...200).contains(text.count) {
                        references.append(text)
                    } else {
                        reader.fail("/references/\(index)", "must be an invoice number or order id of 1 to 200 characters")
                    }
                }
            } else {
                reader.fail("/references", "must be an array of at most 100 invoice numbers or order ids")
            }
        }
        let receivedAt = reader.timestamp("receivedAt")
        try reader.finish("The payment")
        guard let paymentID, let customer, let amount else { throw ProblemDetails.validationFailed([], detail: "The payment is incomplete.") }
        return Request(paymentID: paymentID, customer: customer, amount: amount, references: references, receivedAt: receivedAt)
    }

    func receive(body: ByteBuffer) async throws -> Response {
        let request = try Self.validate(try FieldReader.json(Data(body.readableBytesView), what: "the payment"))
        let requestHash = SHA256.hexDigest(try StableJSON.encode(request))
        let (answer, replayed) = try await pool.transaction { transaction -> (String, Bool) in
            let account = try await store.customer(id: request.customer, lock: true, in: transaction)
            if let earlier = try await store.payment(id: request.paymentID, in: transaction) {
                guard earlier.requestHash == requestHash else {
                    throw ProblemDetails(
                        type: "urn:wholesail:problem:payment-id-reused", title: "Payment id already used", status: .conflict,
                        detail: "Payment \(request.paymentID) was recorded before with different content; nothing was changed."
                    )
                }
                return (earlier.answer, true)
            }
            guard let account else {
                throw ProblemDetails.validationFailed([.init(pointer: "/customer", detail: "no finance account \(request.customer); import it first (PUT /v1/customers/\(request.customer))")],
                                                      detail: "Nothing was recorded.")
            }
            guard account.currency == request.amount.currency else {
                throw ProblemDetails.validationFailed([.init(pointer: "/amount/currency", detail: "customer \(account.id) is billed in \(account.currency.code), not \(request.amount.currency.code)")],
                                                      detail: "Nothing was recorded.")
            }
            let open = try await store.lockOpenInvoices(customer: account.id, currency: account.currency, in: transaction)
            let allocation = try PaymentAllocator.allocate(amount: request.amount, to: open, references: request.references)
            let openAfter = Dictionary(open.map { ($0.invoiceID, $0.open) }, uniquingKeysWith: { first, _ in first })
            let receivedAt = request.receivedAt ?? StableJSON.roundedToMilliseconds(Date())
            let event = PaymentReceived(
                paymentID: request.paymentID, customer: account.id, amount: request.amount,
                applications: try allocation.applications.map { application in
                    PaymentReceived.Application(
                        invoiceID: application.invoiceID, invoiceNumber: application.invoiceNumber, orderID: application.orderID,
                        amount: application.amount, invoiceOpen: try (openAfter[application.invoiceID] ?? .zero(account.currency)) - application.amount
                    )
                },
                unapplied: allocation.unapplied, receivedAt: receivedAt
            )
            let answer = PaymentAnswer(payment: event, unmatchedReferences: allocation.unmatchedReferences)
            let answerText = String(decoding: try StableJSON.encode(answer), as: UTF8.self)
            try await store.insertPayment(event, references: request.references, requestHash: requestHash, answer: answerText, in: transaction)
            try await store.publish(try EventEnvelope(payload: event, correlationID: request.paymentID), in: transaction)
            return (answerText, false)
        }
        var response = Response(status: replayed ? .ok : .created, headers: [.contentType: "application/json"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: answer)))
        if replayed { response.headers[.idempotentReplayed] = "true" }
        return response
    }
}

/// What `POST /v1/payments` answers: the payment as announced, and any reference that matched no open invoice.
struct PaymentAnswer: Codable, Sendable {
    var payment: PaymentReceived
    var unmatchedReferences: [String]
}
