import Contracts

/// The verdict of the batch controls: the figures (stored with the batch for audit) and why, if at all, the batch
/// must wait for a second person's approval.
public struct SettlementControlResult: Sendable, Hashable, Codable {
    /// Computed from the journal entries.
    public var totals: ControlTotals
    /// Computed from the documents' header totals.
    public var expected: ExpectedTotals
    /// Ids of the documents whose entry does not balance.
    public var unbalancedDocuments: [String]
    /// The larger of |debit − expected debit| and |credit − expected credit|.
    public var variance: Money
    /// `totals.count − expected.count`.
    public var countVariance: Int
    /// One sentence per failed control; empty when the batch may post without approval.
    public var holdReasons: [String]

    public init(
        totals: ControlTotals, expected: ExpectedTotals, unbalancedDocuments: [String], variance: Money, countVariance: Int,
        holdReasons: [String]
    ) {
        self.totals = totals
        self.expected = expected
        self.unbalancedDocuments = unbalancedDocuments
        self.variance = variance
        self.countVariance = countVariance
        self.holdReasons = holdReasons
    }

    /// The batch is held until a second user approves it (maker-checker).
    public var requiresApproval: Bool { !holdReasons.isEmpty }

    /// Whether the batch may be posted at all (after approval if ``requiresApproval``): an unbalanced batch is
    /// never posted, even approved, because the ledger would not balance.
    public var isPostable: Bool { unbalancedDocuments.isEmpty }
}
