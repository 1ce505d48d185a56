import Testing
@testable import Wholesailctl

/// Bad arguments are refused before anything connects: one `wholesailctl: …` line on standard error, exit status 2.
/// Every run points at a closed port, so a test that connected would fail with status 1 instead.
@Suite("wholesailctl argument validation")
struct ArgumentValidationTests {
    private let closedBroker = ["--amqp-url", TestServers.unreachableAMQPURL, "--connect-timeout", "1s"]
    private let closedDatabase = ["--database-url", TestServers.unreachableDatabaseURL]

    private func expectUsageError(_ run: WholesailctlRun, mentioning words: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 2, "status \(run.status), errors \(run.errors)", sourceLocation: sourceLocation)
        #expect(run.errors.count == 1, "\(run.errors)", sourceLocation: sourceLocation)
        #expect(run.errors.first?.hasPrefix("wholesailctl: ") == true, "\(run.errors)", sourceLocation: sourceLocation)
        for word in words {
            #expect(run.errors.first?.contains(word) == true, "\(run.errors) lacks \(word)", sourceLocation: sourceLocation)
        }
        #expect(run.output.isEmpty, "\(run.output)", sourceLocation: sourceLocation)
    }

    @Test func replayWithoutIdOrAllIsAUsageError() async {
        let run = await WholesailctlRun.run(["dlq", "replay", "orders"] + closedBroker)
        expectUsageError(run, mentioning: ["--id", "--all", "wholesailctl dlq replay --help"])
    }

    @Test func replayWithBothIdAndAllIsAUsageError() async {
        let run = await WholesailctlRun.run(["dlq", "replay", "orders", "--id", "m-1", "--all"] + closedBroker)
        expectUsageError(run, mentioning: ["--id", "--all"])
    }

    @Test(arguments: ["0", "-5", "nan", "fast", "20000"])
    func replayRejectsARateThatIsNotAPositiveNumberOfMessagesPerSecond(rate: String) async {
        let run = await WholesailctlRun.run(["dlq", "replay", "orders", "--all", "--rate", rate] + closedBroker)
        expectUsageError(run, mentioning: ["rate"])
    }

    @Test func replayRejectsALimitOfZero() async {
        let run = await WholesailctlRun.run(["dlq", "replay", "orders", "--all", "--limit", "0"] + closedBroker)
        expectUsageError(run, mentioning: ["--limit"])
    }

    @Test(arguments: ["Orders", "orders/dlq", ".orders", ""])
    func dlqCommandsRejectAServiceNameThatIsNotAQueuePrefix(service: String) async {
        let run = await WholesailctlRun.run(["dlq", "list", service] + closedBroker)
        expectUsageError(run, mentioning: ["service name"])
    }

    @Test func aMissingServiceArgumentIsAUsageError() async {
        let run = await WholesailctlRun.run(["dlq", "list"] + closedBroker)
        expectUsageError(run, mentioning: ["<service>"])
    }

    @Test func anAMQPURLThatIsNotAMQPIsAUsageError() async {
        let run = await wholesailctl("dlq", "list", "orders", "--amqp-url", "http://127.0.0.1:1/wholesail")
        expectUsageError(run, mentioning: ["--amqp-url", "amqp://"])
    }

    @Test func aConnectTimeoutThatIsNotADurationIsAUsageError() async {
        let run = await wholesailctl("dlq", "list", "orders", "--amqp-url", TestServers.unreachableAMQPURL, "--connect-timeout", "soon")
        expectUsageError(run, mentioning: ["--connect-timeout"])
    }

    @Test func topologyDeclareRejectsAServiceThatIsNotOneOfTheFive() async {
        let run = await WholesailctlRun.run(["topology", "declare", "--service", "billing"] + closedBroker)
        expectUsageError(run, mentioning: ["billing", "pricing, inventory, orders, shipments, finance"])
    }

    @Test(arguments: ["1s,soon", "0ms", "1s,,2s"])
    func topologyDeclareRejectsRetryDelaysTheServicesWouldRefuse(delays: String) async {
        let run = await WholesailctlRun.run(["topology", "declare", "--retry-delays", delays] + closedBroker)
        expectUsageError(run, mentioning: ["--retry-delays"])
    }

    @Test func topologyDeclareRejectsADeliveryLimitOfZero() async {
        let run = await WholesailctlRun.run(["topology", "declare", "--delivery-limit", "0"] + closedBroker)
        expectUsageError(run, mentioning: ["--delivery-limit"])
    }

    @Test func aDatabaseURLThatIsNotPostgreSQLIsAUsageError() async {
        let run = await wholesailctl("outbox", "status", "--database-url", "mysql://root@127.0.0.1/wholesail")
        expectUsageError(run, mentioning: ["--database-url", "postgresql://"])
    }

    @Test(arguments: ["Orders", "orders; DROP TABLE x", "1orders", "orders.outbox"])
    func outboxStatusRejectsASchemaNameThatWouldNeedQuoting(schema: String) async {
        let run = await WholesailctlRun.run(["outbox", "status", "--schema", schema] + closedDatabase)
        expectUsageError(run, mentioning: ["--schema"])
    }

    @Test func ordersTimelineRejectsABadSchemaName() async {
        let run = await WholesailctlRun.run(["orders", "timeline", "order-1", "--schema", "Orders"] + closedDatabase)
        expectUsageError(run, mentioning: ["--schema"])
    }

    @Test func channelKeyCreateWithoutAChannelIsAUsageError() async {
        let run = await WholesailctlRun.run(["channel-key", "create"] + closedDatabase)
        expectUsageError(run, mentioning: ["--channel"])
    }

    @Test func anUnknownSubcommandIsAUsageError() async {
        let run = await wholesailctl("queues", "purge")
        expectUsageError(run, mentioning: ["queues"])
    }
}
