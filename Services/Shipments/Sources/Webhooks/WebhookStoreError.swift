/// The database answered a webhook statement in a way it never should; a bug or a changed schema.
enum WebhookStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A statement that always returns a row returned none.
    case noRowReturned(statement: String)

    var description: String {
        switch self {
        case .noRowReturned(let statement):
            "\(statement) returned no row; check that the shipments migrations are applied"
        }
    }
}
