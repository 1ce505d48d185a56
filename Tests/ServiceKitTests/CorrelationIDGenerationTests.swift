import Foundation
import ServiceKit
import Testing

@Suite("Correlation id generation")
struct CorrelationIDGenerationTests {
    @Test func aGeneratedIDIsALowerCaseVersion4UUID() throws {
        for _ in 0..<1000 {
            let id = CorrelationID.generate()
            let uuid = try #require(UUID(uuidString: id))
            #expect(uuid.uuidString.lowercased() == id)
            let characters = Array(id)
            #expect(characters[14] == "4")
            #expect("89ab".contains(characters[19]))
            #expect(CorrelationID.isValid(id))
        }
    }

    @Test func generatedIDsDoNotRepeat() {
        let ids = (0..<10_000).map { _ in CorrelationID.generate() }
        #expect(Set(ids).count == ids.count)
    }
}

@Suite("JSON media types")
struct JSONMediaTypeTests {
    @Test(arguments: ["application/json", "application/json; charset=utf-8", " Application/JSON ;charset=UTF-8", "application/problem+json", "application/vnd.wholesail.order+json"])
    func jsonMediaTypesAreAccepted(contentType: String) {
        #expect(StableJSONRequestDecoder.isJSON(contentType))
    }

    @Test(arguments: ["text/csv", "text/json", "application/jsonx", "application/+json", "application/xml", "", "json", "application/json-seq"])
    func otherMediaTypesAreRefused(contentType: String) {
        #expect(!StableJSONRequestDecoder.isJSON(contentType))
    }
}
