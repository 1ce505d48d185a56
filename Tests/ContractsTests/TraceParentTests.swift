import Contracts
import Testing

@Suite("W3C traceparent")
struct TraceParentTests {
    static let example = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    @Test func parsesTheW3CExample() throws {
        let trace = try TraceParent(parsing: Self.example)
        #expect(trace.traceID == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(trace.parentID == "00f067aa0ba902b7")
        #expect(trace.flags == 1)
        #expect(trace.isSampled)
        #expect(trace.description == Self.example)
    }

    @Test func newTraceIsWellFormedAndParsesBack() throws {
        let trace = TraceParent()
        #expect(trace.description.utf8.count == 55)
        #expect(try TraceParent(parsing: trace.description) == trace)
        #expect(trace.isSampled)
        #expect(TraceParent(sampled: false).description.hasSuffix("-00"))
    }

    @Test func newTracesDiffer() {
        #expect(TraceParent().traceID != TraceParent().traceID)
    }

    @Test func childKeepsTraceIDAndFlagsWithANewParentID() throws {
        let parent = try TraceParent(parsing: Self.example)
        let child = parent.child()
        #expect(child.traceID == parent.traceID)
        #expect(child.flags == parent.flags)
        #expect(child.parentID != parent.parentID)
        #expect(child.parentID.utf8.count == 16)
    }

    @Test(arguments: [
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",  // uppercase
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",  // short trace id
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",  // zero trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",  // zero parent id
        "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",  // separators
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",  // flags not hex
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",  // trailing data
        "",
    ])
    func rejectsMalformedValues(text: String) {
        #expect(throws: TraceParentError.self) { try TraceParent(parsing: text) }
    }

    @Test func rejectsVersionsOtherThan00() {
        #expect(throws: TraceParentError.unsupportedVersion("ff")) {
            try TraceParent(parsing: "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        }
    }
}
