import Contracts
import Foundation
import ServiceKit

/// Posts settlement batches as JSON to `POST {base}/erp/v1/journal-batches` with the batch id as `Idempotency-Key`;
/// expects `{"documentNumber": "…"}` with 200 or 201. The local stack's `erp-simulator` implements this API.
public struct HTTPERPLedger: ERPLedger {
    public let baseURL: URL
    private let poster: IdempotentHTTPPoster

    public init(baseURL: URL, timeout: Duration) {
        self.baseURL = baseURL
        poster = IdempotentHTTPPoster(timeout: timeout, maximumConnections: 2)
    }

    struct Answer: Decodable {
        var documentNumber: String
    }

    public func post(_ batch: LedgerBatch) async throws(LedgerPostingError) -> String {
        let body: Data
        do {
            body = try StableJSON.encode(batch)
        } catch {
            throw .refused("batch \(batch.batchID) cannot be encoded: \(error)")
        }
        switch await poster.post(body, to: baseURL.appending(path: "erp/v1/journal-batches"), idempotencyKey: batch.batchID) {
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
