import Testing

/// The five scenarios against the five service processes and the ERP simulator, over the real broker and
/// database. One suite, one started system, one scenario at a time (each with its own SKUs, customers and
/// warehouses). The scenarios are in the extensions of this type, one file each.
@Suite("Broker-driven integration (five service processes)", .serialized, .runningSuite)
struct BrokerDrivenSuite {
    /// The started system; fails the test when the suite trait did not start one.
    var suite: SuiteUnderTest {
        get throws {
            try #require(SuiteUnderTest.current, "the suite was not started (RunningSuiteTrait)")
        }
    }
}
