import Synchronization

/// Hands out 0, 1, 2, … to concurrent tasks (the next message or transaction to do).
final class SharedCounter: Sendable {
    private let value = Atomic<Int>(0)

    /// The next number; every caller gets a different one.
    func next() -> Int {
        value.add(1, ordering: .relaxed).oldValue
    }
}
