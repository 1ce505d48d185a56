#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The monotonic clock as plain nanoseconds, read and slept on by the load generator's connection threads.
///
/// Latency samples are stored as `UInt64` nanoseconds so recording one costs an array append, not a
/// `Duration` (128-bit) computation; sleeping to an absolute deadline keeps the fixed-rate schedule from
/// drifting by the time spent between requests.
enum HTTPLoadClock {
    static let nanosecondsPerSecond: UInt64 = 1_000_000_000

    /// Now, in nanoseconds since an arbitrary fixed point (CLOCK_MONOTONIC).
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * nanosecondsPerSecond + UInt64(time.tv_nsec)
    }

    /// Blocks the calling thread (a dedicated one, never the cooperative pool) until `deadline` (from ``now()``).
    static func sleep(until deadline: UInt64) {
        #if canImport(Glibc)
        var time = timespec(tv_sec: Int(deadline / nanosecondsPerSecond), tv_nsec: Int(deadline % nanosecondsPerSecond))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &time, nil) == EINTR {}
        #else
        let current = now()
        guard deadline > current else { return }
        let remaining = deadline - current
        var time = timespec(tv_sec: Int(remaining / nanosecondsPerSecond), tv_nsec: Int(remaining % nanosecondsPerSecond))
        while nanosleep(&time, &time) == -1, errno == EINTR {}
        #endif
    }

    /// Whole nanoseconds of a non-negative duration (negative ones count as zero).
    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let components = duration.components
        guard components.seconds >= 0, components.attoseconds >= 0 else { return 0 }
        return UInt64(components.seconds) * nanosecondsPerSecond + UInt64(components.attoseconds / 1_000_000_000)
    }
}
