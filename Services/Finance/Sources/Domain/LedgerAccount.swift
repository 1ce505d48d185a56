/// The general-ledger accounts settlement posts to; raw values are the ERP's account numbers.
public enum LedgerAccount: String, Sendable, Hashable, Codable, CaseIterable {
    case cash = "1000"
    case receivables = "1100"
    case taxPayable = "2200"
    case revenue = "4000"

    /// The account's name as the chart of accounts shows it.
    public var name: String {
        switch self {
        case .cash: "Cash"
        case .receivables: "Accounts receivable"
        case .taxPayable: "Tax payable"
        case .revenue: "Revenue"
        }
    }

    /// The account number as an integer, summed into the batch hash total.
    public var code: Int {
        switch self {
        case .cash: 1000
        case .receivables: 1100
        case .taxPayable: 2200
        case .revenue: 4000
        }
    }
}
