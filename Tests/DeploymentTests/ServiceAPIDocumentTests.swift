import Foundation
import Testing

/// Every service publishes its HTTP API as OpenAPI 3.1 beside its code.
@Suite("Service API documents")
struct ServiceAPIDocumentTests {
    @Test(arguments: RepositoryRoot.services)
    func everyServiceHasAnOpenAPIDocument(service: String) throws {
        let text = try RepositoryRoot.text("Services/\(service.prefix(1).uppercased() + service.dropFirst())/openapi.yaml")
        #expect(text.hasPrefix("openapi: 3.1"))
        #expect(text.contains("\n  /v1/"), "the document describes the /v1 routes")
    }
}
