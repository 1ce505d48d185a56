import Contracts
import Foundation
import Testing
@testable import ERPSimulatorKit

@Suite struct ERPKnobsTests {
    @Test func updateSetsOnlyTheKnobsItNames() async throws {
        let state = ERPSimulatorState(knobs: try ERPSimulatorKnobs(latencyMilliseconds: 100, errorRatePercent: 5))
        let knobs = await state.apply(try ERPKnobsUpdate(members: ["outage": true]))

        #expect(knobs == (try ERPSimulatorKnobs(latencyMilliseconds: 100, errorRatePercent: 5, outage: true)))
        #expect(await state.knobs == knobs)
    }

    @Test func wholeNumbersWrittenWithAFractionAreAccepted() throws {
        let update = try ERPKnobsUpdate(members: ["latencyMilliseconds": .number(250.0), "errorRatePercent": 100])
        #expect(update.latencyMilliseconds == 250)
        #expect(update.errorRatePercent == 100)
    }

    @Test(arguments: [
        (["latencyMilliseconds": JSONValue.number(600_001)], "/latencyMilliseconds"),
        (["latencyMilliseconds": JSONValue.number(-1)], "/latencyMilliseconds"),
        (["latencyMilliseconds": JSONValue.string("200")], "/latencyMilliseconds"),
        (["errorRatePercent": JSONValue.number(101)], "/errorRatePercent"),
        (["errorRatePercent": JSONValue.number(Decimal(string: "12.5") ?? 0)], "/errorRatePercent"),
        (["outage": JSONValue.string("true")], "/outage"),
        (["outage": JSONValue.number(1)], "/outage"),
        (["slowness": JSONValue.number(1)], "/slowness"),
        (["a/b": JSONValue.null], "/a~1b"),
    ])
    func invalidValuesAreNamedByJSONPointer(members: [String: JSONValue], pointer: String) {
        #expect {
            _ = try ERPKnobsUpdate(members: members)
        } throws: { error in
            (error as? ERPKnobsError)?.errors.map(\.pointer) == [pointer]
        }
    }

    @Test func everyInvalidKnobIsReported() {
        #expect {
            _ = try ERPKnobsUpdate(members: ["latencyMilliseconds": -5, "errorRatePercent": 200, "outage": "yes"])
        } throws: { error in
            (error as? ERPKnobsError)?.errors.map(\.pointer) == ["/errorRatePercent", "/latencyMilliseconds", "/outage"]
        }
    }

    @Test func knobsOutOfRangeCannotBeMade() {
        #expect(throws: ERPKnobsError.self) { try ERPSimulatorKnobs(latencyMilliseconds: 600_001) }
        #expect(throws: ERPKnobsError.self) { try ERPSimulatorKnobs(errorRatePercent: -1) }
    }

    @Test func knobsEncodeAsTheirThreeMembers() throws {
        let json = try JSONValue(encoding: try ERPSimulatorKnobs(latencyMilliseconds: 200, errorRatePercent: 10, outage: true))
        #expect(json == ["latencyMilliseconds": 200, "errorRatePercent": 10, "outage": true])
    }
}
