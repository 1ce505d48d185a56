import Synchronization

/// A value shared between test tasks, guarded by a mutex; a class so closures capture it by reference.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        self.mutex = Mutex(value)
    }

    var value: Value {
        self.mutex.withLock { $0 }
    }

    func set(_ value: Value) {
        self.mutex.withLock { $0 = value }
    }

    @discardableResult
    func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        self.mutex.withLock { body(&$0) }
    }
}
