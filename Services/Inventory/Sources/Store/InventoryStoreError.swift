/// A state of the inventory tables that should not occur; the transaction rolls back.
public struct InventoryStoreError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
