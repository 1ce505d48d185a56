import Foundation

/// One HTTP answer as ``SuiteClient`` sees it before decoding.
struct SuiteHTTPAnswer: Sendable {
    /// `GET http://127.0.0.1:28083/v1/orders/…`, for error messages.
    var request: String
    var status: Int
    /// Header values by lower-cased name.
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? { headers[name.lowercased()] }
}
