/// What `GET /simulator/stats` answers: the totals over every kind, and each kind's own counters.
///
/// ```json
/// {"conflicts":0,"documents":2,"duplicates":1,"failedByKnob":0,"invalid":0,"requests":3,
///  "kinds":{"journal-batches":{…},"sales-orders":{"conflicts":0,"documents":2,…}}}
/// ```
public struct ERPSimulatorStatistics: Codable, Sendable, Hashable {
    public var requests: Int
    public var documents: Int
    public var duplicates: Int
    public var conflicts: Int
    public var failedByKnob: Int
    public var invalid: Int
    /// Each kind's counters, by the kind's path name (`sales-orders`); every kind is present.
    public var kinds: [String: ERPKindStatistics]

    public init(byKind: [ERPDocumentKind: ERPKindStatistics]) {
        var total = ERPKindStatistics()
        var kinds: [String: ERPKindStatistics] = [:]
        for kind in ERPDocumentKind.allCases {
            let counters = byKind[kind] ?? ERPKindStatistics()
            kinds[kind.rawValue] = counters
            total = total + counters
        }
        requests = total.requests
        documents = total.documents
        duplicates = total.duplicates
        conflicts = total.conflicts
        failedByKnob = total.failedByKnob
        invalid = total.invalid
        self.kinds = kinds
    }

    /// The counters of one kind.
    public func counters(for kind: ERPDocumentKind) -> ERPKindStatistics {
        kinds[kind.rawValue] ?? ERPKindStatistics()
    }
}
