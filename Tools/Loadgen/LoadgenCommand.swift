import ArgumentParser

/// `loadgen`: drives traffic into a running Wholesail through the services' own HTTP APIs — a few demo orders for a
/// newcomer (`demo`), or a synthetic peak day.
@main
struct LoadgenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadgen",
        abstract: "Drive orders through a running Wholesail over its HTTP APIs and show what happened.",
        subcommands: [DemoCommand.self, PeakDayCommand.self]
    )
}
