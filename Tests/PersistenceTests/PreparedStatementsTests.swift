@testable import Persistence
import Testing

@Suite("PreparedStatements: which statements a session prepares")
struct PreparedStatementsTests {
    @Test("a statement seen for the first time runs unprepared")
    func firstSightingRunsUnprepared() {
        var statements = PreparedStatements()
        #expect(statements.lookup("SELECT 1") == .unprepared)
    }

    @Test("the second sighting asks to prepare it, and later runs use its name")
    func secondSightingPrepares() {
        var statements = PreparedStatements()
        _ = statements.lookup("SELECT $1")
        guard case .prepare(let name) = statements.lookup("SELECT $1") else {
            Issue.record("the second sighting should prepare the statement")
            return
        }
        statements.remember("SELECT $1", as: name)
        #expect(statements.lookup("SELECT $1") == .prepared(name))
    }

    @Test("two statements never get the same name")
    func namesAreDistinct() {
        var statements = PreparedStatements()
        var names: Set<String> = []
        for sql in ["SELECT 1", "SELECT 2", "SELECT 3"] {
            _ = statements.lookup(sql)
            guard case .prepare(let name) = statements.lookup(sql) else {
                Issue.record("\(sql) was not prepared on its second sighting")
                continue
            }
            statements.remember(sql, as: name)
            names.insert(name)
        }
        #expect(names.count == 3)
    }

    @Test("a forgotten statement is prepared again under a new name")
    func forgottenStatementGetsNewName() {
        var statements = PreparedStatements()
        _ = statements.lookup("SELECT * FROM t")
        guard case .prepare(let first) = statements.lookup("SELECT * FROM t") else {
            Issue.record("not prepared on its second sighting")
            return
        }
        statements.remember("SELECT * FROM t", as: first)
        statements.forget("SELECT * FROM t")
        _ = statements.lookup("SELECT * FROM t")
        guard case .prepare(let second) = statements.lookup("SELECT * FROM t") else {
            Issue.record("a forgotten statement should be prepared again")
            return
        }
        #expect(second != first)
    }

    @Test("when disabled, nothing is ever prepared")
    func disabledNeverPrepares() {
        var statements = PreparedStatements(enabled: false)
        for _ in 0..<5 {
            #expect(statements.lookup("SELECT 1") == .unprepared)
        }
    }

    @Test("past the limit of prepared statements, new ones run unprepared")
    func boundedNumberOfPreparedStatements() {
        var statements = PreparedStatements()
        for number in 0..<PreparedStatements.maximumPrepared {
            let sql = "SELECT \(number)"
            _ = statements.lookup(sql)
            if case .prepare(let name) = statements.lookup(sql) { statements.remember(sql, as: name) }
        }
        _ = statements.lookup("SELECT 'one more'")
        #expect(statements.lookup("SELECT 'one more'") == .unprepared)
        #expect(statements.lookup("SELECT 0") != .unprepared)
    }
}
