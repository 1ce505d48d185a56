import Testing

/// Starts one ``SuiteUnderTest`` around a whole test suite (not around each test) and makes it
/// ``SuiteUnderTest/current`` for the suite's tests; stops and removes it when the suite is done.
struct RunningSuiteTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        try await SuiteUnderTest.run { suite in
            try await SuiteUnderTest.$current.withValue(suite) {
                try await function()
            }
        }
    }
}

extension Trait where Self == RunningSuiteTrait {
    /// The five services and the ERP simulator as processes, shared by the suite's tests.
    static var runningSuite: Self { RunningSuiteTrait() }
}
