/// The JSON body of `PUT /v1/customer-groups/{id}`: the group's members, replacing the previous list.
///
/// ```json
/// {"customers": ["C-1001", "C-1002"]}
/// ```
/// A customer belongs to at most one group: listing it here moves it from any other group (the ERP is the
/// system of record, so the latest import wins).
public struct CustomerGroupDocument: Decodable, Sendable {
    public var customers: [String]

    /// The validated, de-duplicated members of group `id`.
    public func validated(id: String) throws(ImportRejected) -> [String] {
        var issues: [ImportIssue] = []
        if let problem = ImportFieldRules.identifierProblem(id, what: "the customer group id") {
            issues.append(ImportIssue(row: nil, field: "id", pointer: "/id", detail: problem))
        }
        var seen = Set<String>()
        var members: [String] = []
        for (index, customer) in customers.enumerated() {
            if let problem = ImportFieldRules.identifierProblem(customer, what: "the customer") {
                issues.append(ImportIssue(row: index + 1, field: "customers", pointer: "/customers/\(index)", detail: problem))
            } else if seen.insert(customer).inserted {
                members.append(customer)
            }
        }
        guard issues.isEmpty else { throw ImportRejected(issues: issues) }
        return members
    }
}
