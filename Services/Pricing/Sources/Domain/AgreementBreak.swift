/// One quantity break of an agreement line: from `minimumQuantity` units the adjustment applies.
public struct AgreementBreak: Sendable, Hashable {
    public var minimumQuantity: Int
    public var adjustment: PriceAdjustment

    public init(minimumQuantity: Int, adjustment: PriceAdjustment) {
        self.minimumQuantity = minimumQuantity
        self.adjustment = adjustment
    }
}
