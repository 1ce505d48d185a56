import Foundation
import WholesailTestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Client-provided names of the broker's open connections, from the management API.
func brokerConnectionNames() async throws -> Set<String> {
    let management = RabbitMQManagement()
    let url = try URL(string: management.baseURL.absoluteString + "/api/connections?columns=user_provided_name")
        .orThrow("bad management URL")
    var request = URLRequest(url: url)
    let credentials = Data("\(management.username):\(management.password)".utf8).base64EncodedString()
    request.setValue("Basic \(credentials)", forHTTPHeaderField: "Authorization")
    let (data, _) = try await URLSession.shared.data(for: request)
    let connections = (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
    return Set(connections.compactMap { $0["user_provided_name"] as? String })
}
