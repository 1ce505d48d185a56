/// The local stack's conventions (`deploy/local/stack up`): where wholesailctl connects when neither a flag nor the
/// environment says otherwise, and the services it knows.
enum LocalStack {
    /// RabbitMQ as the stack's administrator (may declare and read every queue of the `wholesail` vhost).
    static let adminAMQPURL = "amqp://wholesail_admin:wholesail_admin@127.0.0.1:25672/wholesail"
    /// PostgreSQL as the stack's administrator.
    static let adminDatabaseURL = "postgresql://wholesail_admin:wholesail_admin@127.0.0.1:25432/wholesail"
    /// The five services, in the order the order flow meets them; each owns the schema of the same name.
    static let services = ["pricing", "inventory", "orders", "shipments", "finance"]
    /// What to tell an operator whose servers cannot be reached.
    static let startHint = "is the stack up? deploy/local/stack up"
}
