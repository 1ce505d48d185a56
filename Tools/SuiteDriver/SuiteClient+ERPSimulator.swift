import Contracts
import Foundation

extension SuiteClient {
    /// What the ERP simulator received, in order of first receipt: `GET /simulator/documents[?kind=]`.
    public func erpDocuments(kind: ERPDocument.Kind? = nil) async throws(SuiteClientError) -> [ERPDocument] {
        struct List: Decodable { var documents: [ERPDocument] }
        let query = kind.map { [URLQueryItem(name: "kind", value: $0.rawValue)] } ?? []
        let answer = try await send("GET", endpoints.erpSimulator, "/simulator/documents", query: query)
        return try decode(List.self, from: try expect(answer, [200])).documents
    }

    /// The simulator's counters (requests, documents, duplicates, conflicts, per kind): `GET /simulator/stats`.
    public func erpStatistics() async throws(SuiteClientError) -> JSONValue {
        try decode(JSONValue.self, from: try expect(try await send("GET", endpoints.erpSimulator, "/simulator/stats"), [200]))
    }

    /// Sets the simulator's knobs (all three) and answers those now in force: `PUT /simulator/knobs`.
    @discardableResult
    public func setERPKnobs(_ knobs: ERPKnobs) async throws(SuiteClientError) -> ERPKnobs {
        try decode(ERPKnobs.self, from: try expect(try await send("PUT", endpoints.erpSimulator, "/simulator/knobs", json: knobs), [200]))
    }
}
