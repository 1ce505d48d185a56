/// What ``OrderRouter`` decided for an order: where every unit comes from, or why the order cannot be filled.
public enum RoutingOutcome: Sendable, Hashable {
    /// Every requested unit is allocated; sorted nearest warehouse first, then by SKU.
    case allocated([Allocation])
    /// The warehouses together hold too little of these SKUs; sorted by SKU. Nothing is allocated.
    case shortage([Shortage])
}
