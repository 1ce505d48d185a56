import CBenchBaseline
import Messaging

/// The plain-C baselines over rabbitmq-c (Tools/BenchBaseline), each run on a thread of its own.
///
/// They do the same work as the Swift measurements — same broker, same queue kind, same message
/// properties and sizes, same window or prefetch — with nothing but a loop around the library.
struct RabbitMQBaseline: Sendable {
    let configuration: AMQPConfiguration

    /// Publishes `count` messages with confirms, at most `window` unconfirmed; returns the elapsed time.
    func publish(queue: String, count: Int, window: Int, bodySize: Int) async throws(BenchError) -> Duration {
        let configuration = configuration
        let result = await DedicatedThread.run(name: "bench-c-publish") {
            Self.withCStrings(configuration, queue) { host, user, password, vhost, queue in
                wholesail_bench_publish(
                    host, Int32(configuration.port), user, password, vhost, queue,
                    UInt32(count), UInt32(window), UInt32(bodySize)
                )
            }
        }
        return try Self.duration(result, job: "C publish loop")
    }

    /// Consumes `count` messages with manual acks and `prefetch`; returns the elapsed time.
    func consume(queue: String, count: Int, prefetch: Int, bodySize: Int) async throws(BenchError) -> Duration {
        let configuration = configuration
        let result = await DedicatedThread.run(name: "bench-c-consume") {
            Self.withCStrings(configuration, queue) { host, user, password, vhost, queue in
                wholesail_bench_consume(
                    host, Int32(configuration.port), user, password, vhost, queue,
                    UInt32(count), UInt16(prefetch), UInt32(bodySize)
                )
            }
        }
        return try Self.duration(result, job: "C consume loop")
    }

    private static func duration(_ result: Int64, job: String) throws(BenchError) -> Duration {
        guard result > 0 else {
            throw BenchError("\(job) failed: \(String(cString: wholesail_bench_error_text(result))) (code \(result))")
        }
        return .nanoseconds(result)
    }

    /// The connection's text settings and the queue name as C strings, valid for the duration of `body`.
    private static func withCStrings<Value>(
        _ configuration: AMQPConfiguration,
        _ queue: String,
        _ body: (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafePointer<CChar>) -> Value
    ) -> Value {
        configuration.host.withCString { host in
            configuration.username.withCString { user in
                configuration.password.withCString { password in
                    configuration.virtualHost.withCString { vhost in
                        queue.withCString { queue in
                            body(host, user, password, vhost, queue)
                        }
                    }
                }
            }
        }
    }
}
