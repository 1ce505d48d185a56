import WholesailTestSupport

/// Client-provided names of the broker's open connections, from the management API.
func brokerConnectionNames() async throws -> Set<String> {
    try await RabbitMQManagement().connectionNames()
}
