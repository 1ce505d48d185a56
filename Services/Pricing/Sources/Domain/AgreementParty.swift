/// Who a customer agreement is for: one customer (ERP customer number) or every member of a customer group.
public enum AgreementParty: Sendable, Hashable {
    case customer(String)
    case customerGroup(String)
}
