import Contracts
import Foundation
import ServiceKit

/// Posts orders as JSON to `POST {base}/erp/v1/sales-orders` with the order id as `Idempotency-Key`; expects
/// `{"documentNumber": "…"}` with 200 or 201. The local stack's `erp-simulator` implements this API.
///
/// 408, 429, 5xx, timeouts and connection failures are ``ERPPostingError/unavailable(_:)``; any other status is
/// ``ERPPostingError/refused(_:)`` with the ERP's answer.
public struct HTTPERPConnector: ERPConnector {
    public let baseURL: URL
    public let timeout: Duration
    private let poster: IdempotentHTTPPoster

    public init(baseURL: URL, timeout: Duration) {
        self.baseURL = baseURL
        self.timeout = timeout
        poster = IdempotentHTTPPoster(timeout: timeout)
    }

    struct Answer: Decodable {
        var documentNumber: String
    }

    public func post(_ order: ERPSalesOrder) async throws(ERPPostingError) -> String {
        let url = baseURL.appending(path: "erp/v1/sales-orders")
        let body: Data
        do {
            body = try StableJSON.encode(order)
        } catch {
            throw .refused("the order cannot be encoded: \(error)")
        }
        switch await poster.post(body, to: url, idempotencyKey: order.orderID) {
        case .accepted(let data):
            guard let answer = try? StableJSON.decode(Answer.self, from: data), !answer.documentNumber.isEmpty else {
                throw .unavailable("an answer without a documentNumber: \(String(decoding: data.prefix(500), as: UTF8.self))")
            }
            return answer.documentNumber
        case .unavailable(let reason):
            throw .unavailable(reason)
        case .refused(let reason):
            throw .refused(reason)
        }
    }
}
