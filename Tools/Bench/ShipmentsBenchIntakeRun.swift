/// What one milestone run at the HTTP edge measured.
struct ShipmentsBenchIntakeRun: Sendable {
    var label: String
    var result: HTTPLoadResult
    /// Milestones sent, warm-up included (what the CPU figures are divided by).
    var sent: Int
    /// This whole process (service, load generator) per milestone sent.
    var cpuPerEvent: Duration?
    /// The service's PostgreSQL backends (pool and relay) per milestone sent.
    var databaseCPUPerEvent: Duration?
    /// The run's milestones as the service recorded them (warm-up included).
    var milestones: ShipmentsBenchProbe.Milestones
    /// Shipments the run walked.
    var shipments: Int
}
