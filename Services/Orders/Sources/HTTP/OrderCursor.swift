import Foundation

/// The opaque `cursor` of `GET /v1/orders`: the last order of a page (received time in milliseconds and id),
/// base64url-encoded so clients treat it as a token.
enum OrderCursor {
    static func encode(receivedAt: Date, orderID: String) -> String {
        let milliseconds = Int64((receivedAt.timeIntervalSince1970 * 1000).rounded())
        return Data("\(milliseconds):\(orderID)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String) -> (Date, String)? {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard cursor.count <= 200, let data = Data(base64Encoded: base64) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":"), let milliseconds = Int64(text[..<colon]) else { return nil }
        let orderID = String(text[text.index(after: colon)...])
        guard !orderID.isEmpty else { return nil }
        return (Date(timeIntervalSince1970: Double(milliseconds) / 1000), orderID)
    }
}
