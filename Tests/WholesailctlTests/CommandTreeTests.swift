import ArgumentParser
import Testing
@testable import Wholesailctl

/// The command tree parses as documented.
@Suite("wholesailctl commands")
struct CommandTreeTests {
    @Test func theRootCommandIsNamedWholesailctl() {
        #expect(WholesailctlCommand.configuration.commandName == "wholesailctl")
    }

    @Test(arguments: [
        ["topology", "declare"],
        ["dlq", "list", "orders"],
        ["dlq", "replay", "orders", "--all"],
        ["outbox", "status"],
        ["orders", "timeline", "order-1"],
        ["channel-key", "create", "--channel", "webshop-de"],
        ["channel-key", "list"],
        ["channel-key", "revoke", "0123456789abcdef"],
    ])
    func everyDocumentedCommandParses(arguments: [String]) throws {
        _ = try WholesailctlCommand.parseAsRoot(arguments)
    }

    @Test func helpGoesToStandardOutputWithStatusZero() async {
        let run = await wholesailctl("--help")
        #expect(run.status == 0)
        #expect(run.errors.isEmpty)
        for command in ["topology", "dlq", "outbox", "orders", "channel-key"] {
            #expect(run.text.contains(command))
        }
    }

    @Test func replayHelpSaysTheInboxMakesAReplayNeverApplyAnEffectTwice() async {
        let run = await wholesailctl("dlq", "replay", "--help")
        #expect(run.status == 0)
        let help = run.text.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
        #expect(help.contains("never applies an effect twice"))
        #expect(help.contains("inbox table"))
    }
}
