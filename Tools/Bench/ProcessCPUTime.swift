#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU time (user + system) used so far: a load-independent cost measure, since on a shared machine
/// wall-clock rates move with everyone else's work.
enum ProcessCPUTime {
    /// This process, all threads.
    static func now() -> Duration {
        usage(RUSAGE_SELF)
    }

    /// Child processes that have ended and been waited for (pgbench runs).
    static func children() -> Duration {
        usage(RUSAGE_CHILDREN)
    }

    #if canImport(Glibc)
    private typealias Who = __rusage_who
    #else
    private typealias Who = Int32
    #endif

    private static func usage(_ who: Who) -> Duration {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(who.rawValue), &usage)
        #else
        getrusage(who, &usage)
        #endif
        func duration(_ time: timeval) -> Duration {
            .seconds(Int64(time.tv_sec)) + .microseconds(Int64(time.tv_usec))
        }
        return duration(usage.ru_utime) + duration(usage.ru_stime)
    }
}
