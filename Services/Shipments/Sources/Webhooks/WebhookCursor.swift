import Foundation

/// The opaque `cursor` of the webhook lists: the last item of a page (its `created_at` in whole microseconds since
/// 1970, exactly as PostgreSQL stores it, and its id), base64url-encoded so clients treat it as a token.
///
/// Microseconds rather than a rounded date: the next page starts strictly after `(created_at, id)`, and a rounded
/// time would skip or repeat items created within the same millisecond.
struct WebhookCursor: Sendable, Hashable {
    var createdAtMicroseconds: Int64
    var id: String

    func encoded() -> String {
        Data("\(createdAtMicroseconds):\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Nil for anything this API did not hand out.
    init?(decoding cursor: String) {
        guard cursor.utf8.count <= 200 else { return nil }
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.utf8.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(validating: data, as: UTF8.self),
              let colon = text.firstIndex(of: ":"), let microseconds = Int64(text[..<colon]) else { return nil }
        let id = String(text[text.index(after: colon)...])
        guard !id.isEmpty else { return nil }
        self.init(createdAtMicroseconds: microseconds, id: id)
    }

    init(createdAtMicroseconds: Int64, id: String) {
        self.createdAtMicroseconds = createdAtMicroseconds
        self.id = id
    }
}
