import Contracts
import Foundation

extension SuiteClient {
    /// Places an order for the API key's channel: `POST /v1/orders` with `Idempotency-Key`. The answer comes at once
    /// (202); pricing, stock and credit are decided asynchronously — follow the order with ``order(id:)``.
    /// - Parameter idempotencyKey: the same key with the same order answers the first response again.
    public func submitOrder(_ order: OrderSubmission, idempotencyKey: String = UUID().uuidString.lowercased()) async throws(SuiteClientError) -> OrderAcceptance {
        let answer = try await send("POST", endpoints.orders, "/v1/orders", json: order, headers: channelHeaders(["Idempotency-Key": idempotencyKey]))
        return try decode(OrderAcceptance.self, from: try expect(answer, [200, 202]))
    }

    /// The order with its lines, status and timeline: `GET /v1/orders/{id}`.
    public func order(id: String) async throws(SuiteClientError) -> OrderDocument {
        let answer = try await send("GET", endpoints.orders, "/v1/orders/\(Self.segment(id))", headers: channelHeaders())
        return try decode(OrderDocument.self, from: try expect(answer, [200]))
    }

    /// A page of the channel's orders, oldest first, optionally only those with `status` or received since `since`
    /// (`YYYY-MM-DD` or an ISO 8601 instant): `GET /v1/orders`.
    public func orders(status: String? = nil, since: String? = nil, limit: Int? = nil, cursor: String? = nil) async throws(SuiteClientError) -> OrderPage {
        var query: [URLQueryItem] = []
        if let status { query.append(URLQueryItem(name: "status", value: status)) }
        if let since { query.append(URLQueryItem(name: "since", value: since)) }
        if let limit { query.append(URLQueryItem(name: "limit", value: String(limit))) }
        if let cursor { query.append(URLQueryItem(name: "cursor", value: cursor)) }
        let answer = try await send("GET", endpoints.orders, "/v1/orders", query: query, headers: channelHeaders())
        return try decode(OrderPage.self, from: try expect(answer, [200]))
    }

    /// Cancels an order before anything was dispatched (409 after): `POST /v1/orders/{id}/cancel`.
    @discardableResult
    public func cancelOrder(id: String, reason: String? = nil) async throws(SuiteClientError) -> OrderDocument {
        struct Cancel: Encodable { var reason: String? }
        let answer = try await send("POST", endpoints.orders, "/v1/orders/\(Self.segment(id))/cancel", json: Cancel(reason: reason), headers: channelHeaders())
        return try decode(OrderDocument.self, from: try expect(answer, [200]))
    }

    /// Authorizes a return of dispatched units and gets its RMA number: `POST /v1/orders/{id}/returns`.
    /// - Parameter idempotencyKey: makes a retry return the same RMA.
    public func authorizeReturn(orderID: String, _ request: ReturnRequest, idempotencyKey: String? = nil) async throws(SuiteClientError) -> ReturnAuthorized {
        let headers = channelHeaders(idempotencyKey.map { ["Idempotency-Key": $0] } ?? [:])
        let answer = try await send("POST", endpoints.orders, "/v1/orders/\(Self.segment(orderID))/returns", json: request, headers: headers)
        return try decode(ReturnAuthorized.self, from: try expect(answer, [200, 201]))
    }
}

extension SuiteClient {
    /// The channel's order with this channel order reference, if the orders service has it — for orders a channel
    /// adapter takes in asynchronously (a Shopify webhook), whose id the channel never got. Pages through
    /// `GET /v1/orders`.
    public func order(channelOrderReference reference: String) async throws(SuiteClientError) -> OrderPage.Summary? {
        var cursor: String?
        repeat {
            let page = try await orders(limit: 200, cursor: cursor)
            if let found = page.orders.first(where: { $0.channelOrderReference == reference }) { return found }
            cursor = page.nextCursor
        } while cursor != nil
        return nil
    }
}
