import Foundation

/// The printed result of a run: the comparison table, the relay-lag line and what the baselines mean.
struct BenchReport: Sendable {
    var title: String
    var rows: [ComparisonRow] = []
    var relayLag: RelayLagResult?
    var notes: [String] = []

    func print() {
        let header = ["figure", "Swift", "baseline", "ratio", "target", "result"]
        var lines: [[String]] = [header]
        for row in rows {
            lines.append([
                row.figure,
                "\(Formatting.rate(row.swift)) \(row.unit)",
                "\(Formatting.rate(row.baseline)) \(row.unit) (\(row.baselineSource))",
                Formatting.percent(row.ratio),
                row.isTargeted ? "≥ \(Formatting.percent(ComparisonRow.targetRatio))" : "-",
                row.isTargeted ? (row.passes ? "pass" : "short") : "ceiling",
            ])
        }
        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        Console.output(title)
        Console.output()
        for (index, line) in lines.enumerated() {
            let cells = line.indices.map { column in
                Formatting.padded(line[column], widths[column], right: column == 1 || column == 2 || column == 3)
            }
            Console.output(cells.joined(separator: "  "))
            if index == 0 {
                Console.output(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
            }
        }
        if let relayLag {
            Console.output()
            Console.output(
                "relay lag at \(Formatting.grouped(relayLag.requestedRate)) events/s for \(relayLag.seconds) s, "
                    + "\(relayLag.eventsPerCommit) per commit (achieved \(Formatting.rate(relayLag.achievedRate))/s, \(Formatting.grouped(relayLag.lag.count)) events): "
                    + "p50 \(Formatting.milliseconds(relayLag.lag.p50)), p99 \(Formatting.milliseconds(relayLag.lag.p99)), "
                    + "max \(Formatting.milliseconds(relayLag.lag.maximum)) — target p99 < "
                    + "\(Formatting.milliseconds(RelayLagResult.targetP99)): \(relayLag.passes ? "pass" : "short")"
            )
        }
        if !notes.isEmpty {
            Console.output()
            for note in notes {
                Console.output("- \(note)")
            }
        }
    }
}
