/// The kinds of finance documents a settlement batch turns into journal entries.
public enum SettlementDocumentKind: String, Sendable, Hashable, Codable {
    case invoice
    case payment
    case creditNote = "credit-note"
    case refund
}
