import Foundation

/// Runs blocking work (rabbitmq-c loops, waiting for `pgbench`) on an OS thread of its own.
///
/// Swift's cooperative pool has one thread per core (two on CI); blocking one of them would stall
/// the very layers being measured. The result comes back through a continuation.
enum DedicatedThread {
    static func run<Value: Sendable>(name: String, _ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { (continuation: CheckedContinuation<Value, Never>) in
            let thread = Thread {
                continuation.resume(returning: work())
            }
            thread.name = name
            thread.start()
        }
    }
}
