/// Captures the result of async work so clean-up can run before the error (if any) is rethrown.
enum Outcome {
    static func of<Value>(_ body: () async throws -> Value) async -> Result<Value, any Error> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }
}
