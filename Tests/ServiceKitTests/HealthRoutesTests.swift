import Contracts
import Foundation
import ServiceKit
import Testing
import WholesailTestSupport

private struct PassingCheck: ReadinessCheck {
    let name: String
    func check() async throws {}
}

private struct FailingCheck: ReadinessCheck {
    let name: String
    func check() async throws { throw ReadinessFailure("replica lag 40s") }
}

/// Takes 10 s whatever happens, ignoring cancellation (like a blocked socket read).
private struct HangingCheck: ReadinessCheck {
    let name: String
    func check() async throws {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().asyncAfter(deadline: .now() + 10) { continuation.resume() }
        }
    }
}

@Suite("Health routes")
struct HealthRoutesTests {
    @Test func liveIs200WithStatusLive() async throws {
        try await TestHTTPServer.with(readinessChecks: [FailingCheck(name: "database")]) { client in
            let response = try await client.get("/health/live")
            #expect(response.status == 200)
            #expect(try response.json() == .object(["status": .string("live")]))
        }
    }

    @Test func readyIs200WithEachCheckWhenAllPass() async throws {
        try await TestHTTPServer.with(readinessChecks: [PassingCheck(name: "database"), PassingCheck(name: "broker")]) { client in
            let response = try await client.get("/health/ready")
            #expect(response.status == 200)
            let json = try response.json()
            #expect(json["status"] == .string("ready"))
            #expect(json["checks"]?["database"]?["status"] == .string("up"))
            #expect(json["checks"]?["broker"]?["status"] == .string("up"))
        }
    }

    @Test func readyIs503ProblemNamingTheFailingCheck() async throws {
        try await TestHTTPServer.with(readinessChecks: [PassingCheck(name: "database"), FailingCheck(name: "broker")]) { client in
            let response = try await client.get("/health/ready")
            #expect(response.status == 503)
            #expect(response.header("Content-Type") == "application/problem+json")
            let problem = try response.problem()
            #expect(problem.type == "urn:wholesail:problem:not-ready")
            #expect(problem.extensions["failing"] == .array([.string("broker")]))
            #expect(problem.detail?.contains("broker (replica lag 40s)") == true)
            #expect(problem.extensions["checks"]?["database"]?["status"] == .string("up"))
        }
    }

    @Test func aCheckThatHangsTimesOutAndIsReportedDown() async throws {
        try await TestHTTPServer.with(
            readinessChecks: [PassingCheck(name: "database"), HangingCheck(name: "erp")],
            readinessTimeout: .milliseconds(300)
        ) { client in
            let started = ContinuousClock.now
            let response = try await client.get("/health/ready")
            // The check hangs forever: without the timeout this request would not end before the client gives up (30 s).
            // The bound is loose on purpose — a loaded CI machine can take seconds to schedule the answer.
            #expect(ContinuousClock.now - started < .seconds(20))
            #expect(response.status == 503)
            let problem = try response.problem()
            #expect(problem.extensions["failing"] == .array([.string("erp")]))
            #expect(problem.detail?.contains("erp (timed out after 300ms)") == true)
        }
    }

    @Test func checksRunConcurrently() async throws {
        // Each check waits until all five have started: that only happens if they run at the same time.
        let started = Locked(0)
        struct RendezvousCheck: ReadinessCheck {
            let name: String
            let started: Locked<Int>
            func check() async throws {
                started.withLock { $0 += 1 }
                while started.value < 5 { try await Task.sleep(for: .milliseconds(5)) }
            }
        }
        let probe = ReadinessProbe(checks: (1...5).map { RendezvousCheck(name: "check\($0)", started: started) }, timeout: .seconds(30))
        let report = await probe.run()
        #expect(report.isReady)
        #expect(report.checks.count == 5)
    }
}
