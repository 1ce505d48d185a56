import Contracts

/// One posting of a journal entry to a ledger account; exactly one of `debit` and `credit` is non-zero when
/// built by ``JournalBuilder``.
public struct JournalLine: Sendable, Hashable, Codable {
    public var account: LedgerAccount
    public var debit: Money
    public var credit: Money

    public init(account: LedgerAccount, debit: Money, credit: Money) {
        self.account = account
        self.debit = debit
        self.credit = credit
    }

    /// A debit of `amount` to `account`.
    public static func debit(_ account: LedgerAccount, _ amount: Money) -> JournalLine {
        JournalLine(account: account, debit: amount, credit: .zero(amount.currency))
    }

    /// A credit of `amount` to `account`.
    public static func credit(_ account: LedgerAccount, _ amount: Money) -> JournalLine {
        JournalLine(account: account, debit: .zero(amount.currency), credit: amount)
    }
}
