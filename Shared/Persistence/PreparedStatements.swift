/// Which statements one session has prepared, by SQL text.
///
/// A statement is prepared the second time the session runs it: PostgreSQL then parses and plans it once instead of
/// on every run, while a statement run only once (set-up, a test's check) costs no extra round trip. Both tables are
/// bounded, so a program that builds SQL text dynamically cannot grow them without limit: past
/// ``maximumPrepared`` statements, new ones run unprepared.
struct PreparedStatements {
    /// What to do with a statement about to run.
    enum Decision: Equatable {
        /// Already prepared under this name.
        case prepared(String)
        /// Run it unprepared.
        case unprepared
        /// Prepare it under this name now (then ``PreparedStatements/remember(_:as:)``).
        case prepare(String)
    }

    static let maximumPrepared = 256
    static let maximumSightings = 1024

    /// False: every statement runs unprepared (``PostgresConfiguration/preparesStatements``).
    let enabled: Bool
    private var names: [String: String] = [:]
    private var seenOnce: Set<String> = []
    private var nextNumber = 1

    init(enabled: Bool = true) {
        self.enabled = enabled
    }

    /// The decision for `sql`, counting this run as a sighting.
    mutating func lookup(_ sql: String) -> Decision {
        guard self.enabled else { return .unprepared }
        if let name = self.names[sql] { return .prepared(name) }
        guard self.names.count < Self.maximumPrepared else { return .unprepared }
        guard self.seenOnce.remove(sql) != nil else {
            if self.seenOnce.count >= Self.maximumSightings { self.seenOnce.removeAll(keepingCapacity: true) }
            self.seenOnce.insert(sql)
            return .unprepared
        }
        defer { self.nextNumber += 1 }
        return .prepare("wholesail_\(self.nextNumber)")
    }

    /// Records that `sql` was prepared as `name`.
    mutating func remember(_ sql: String, as name: String) {
        self.names[sql] = name
    }

    /// Stops using the prepared form of `sql` (its name is never reused, so the stale server-side statement, which
    /// lives until the session ends, cannot be confused with a new one).
    mutating func forget(_ sql: String) {
        self.names[sql] = nil
    }
}
