import ServiceKit
import Testing
@testable import ERPSimulatorKit

@Suite struct ERPSimulatorConfigurationTests {
    @Test func defaultsAreTheLocalStacksPortAndAHealthyERP() throws {
        let configuration = try ERPSimulatorConfiguration(environment: EnvironmentReader([:]))
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 28090)
        #expect(configuration.knobs == .normal)
    }

    @Test func initialKnobsComeFromTheEnvironment() throws {
        let configuration = try ERPSimulatorConfiguration(environment: EnvironmentReader([
            "WHOLESAIL_ERP_LATENCY_MS": "250",
            "WHOLESAIL_ERP_ERROR_RATE_PERCENT": "15",
            "WHOLESAIL_ERP_OUTAGE": "true",
            "WHOLESAIL_HTTP_PORT": "0",
            "WHOLESAIL_HTTP_HOST": "0.0.0.0",
        ]))
        #expect(configuration.knobs == (try ERPSimulatorKnobs(latencyMilliseconds: 250, errorRatePercent: 15, outage: true)))
        #expect(configuration.port == 0)
        #expect(configuration.host == "0.0.0.0")
    }

    @Test(arguments: [
        ("WHOLESAIL_ERP_LATENCY_MS", "600001"),
        ("WHOLESAIL_ERP_LATENCY_MS", "fast"),
        ("WHOLESAIL_ERP_ERROR_RATE_PERCENT", "101"),
        ("WHOLESAIL_ERP_OUTAGE", "maybe"),
        ("WHOLESAIL_HTTP_PORT", "70000"),
        ("WHOLESAIL_HTTP_HOST", "local host"),
    ])
    func invalidValuesNameTheVariable(variable: String, value: String) {
        #expect {
            _ = try ERPSimulatorConfiguration(environment: EnvironmentReader([variable: value]))
        } throws: { error in
            (error as? ConfigurationError)?.variable == variable
        }
    }
}
