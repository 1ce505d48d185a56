import HTTPTypes

extension HTTPField.Name {
    /// Alternative to `Authorization: Bearer <key>` for clients that cannot set Authorization.
    static let apiKey = HTTPField.Name("X-API-Key")!
}
