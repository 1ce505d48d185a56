/// The `POST /v1/orders` requests of the orders benchmark: every one a new order, with its own `Idempotency-Key`
/// and its own `channelOrderReference` (a repeated key would be a replay, a repeated reference the existing order —
/// neither is intake work).
///
/// Request *i* of a run tagged `tag` carries reference and key `<tag>-<i>`; the body is a canonical order of
/// ``lineCount`` lines (SKUs `SKU-100001`…, quantities 1–10, a channel unit price each), for one of 1,000 customers.
/// The bytes around the varying parts are built once, so a connection thread only splices in the numbers.
struct OrdersBenchRequests: Sendable {
    /// The channel the API key belongs to.
    static let channel = "bench"

    let apiKey: String
    let lineCount: Int
    private let headPrefix: [UInt8]
    private let middle: [UInt8]
    private let linesAndRest: [[UInt8]]

    /// - Parameter lineCount: lines per order (the foundation's order-shaped transaction has 3).
    init(apiKey: String, lineCount: Int) {
        self.apiKey = apiKey
        self.lineCount = max(1, lineCount)
        headPrefix = Array(#"{"channelOrderReference":""#.utf8)
        middle = Array(#"","customer":"C-"#.utf8)
        // Ten variants of the rest of the body (quantities shift with the index), so bodies differ in more than ids.
        let shipTo = #""shipTo":{"company":"Nordlicht Handel GmbH","lines":["Hafenstraße 12"],"city":"Hamburg","postalCode":"20457","country":"DE"}"#
        let count = self.lineCount
        linesAndRest = (0..<10).map { variant in
            let lines = (1...count).map { line in
                #"{"sku":"\#(OrderTransaction.sku(line: line))","quantity":\#((variant + line) % 10 + 1),"unitPrice":"\#(line).25"}"#
            }
            return Array((#"","currency":"EUR","# + shipTo + #","lines":["# + lines.joined(separator: ",") + #"],"requestedDate":"2026-12-03"}"#).utf8)
        }
    }

    /// The reference (and idempotency key) of request `index` of run `tag`.
    static func reference(tag: String, index: Int) -> String {
        "\(tag)-\(index)"
    }

    /// Request `index` of the run tagged `tag`.
    func request(tag: String, index: Int) -> HTTPLoadRequest {
        let reference = Self.reference(tag: tag, index: index)
        var body = headPrefix
        body.reserveCapacity(headPrefix.count + 64 + linesAndRest[0].count)
        body.append(contentsOf: reference.utf8)
        body.append(contentsOf: middle)
        body.append(contentsOf: String(index % 1000).utf8)
        body.append(contentsOf: linesAndRest[index % linesAndRest.count])
        return HTTPLoadRequest(
            path: "/v1/orders",
            headers: [
                (name: "Authorization", value: "Bearer \(apiKey)"),
                (name: "Content-Type", value: "application/json"),
                (name: "Idempotency-Key", value: reference),
            ],
            body: body
        )
    }

    /// A load generator sending run `tag`'s orders to the service on `port`.
    func generator(port: Int, tag: String) -> HTTPLoadGenerator {
        let requests = self
        return HTTPLoadGenerator(port: port) { index in
            requests.request(tag: tag, index: index)
        }
    }
}
