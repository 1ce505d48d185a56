import Foundation

/// The peak day's figures and audit, as printed.
enum PeakDayReport {
    static func print(outcomes: [PeakDayOutcome], elapsed: Duration, audit: PeakDayRun.Audit, queues: [(queue: String, messages: Int)],
                      failedSamples: Int, offeredRate: Double) -> Bool {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let finished = audit.paid + audit.rejected
        Swift.print("")
        Swift.print("peak day: \(outcomes.count) orders offered at \(Int(offeredRate))/s; all settled in \(String(format: "%.1f", seconds)) s")
        Swift.print(String(format: "  end to end        %.1f orders/s (paid or rejected per second of the run)", Double(finished) / seconds))
        Swift.print("  intake            \(summary(outcomes.compactMap(\.intake)))   (POST /v1/orders, client side)")
        Swift.print("  → confirmed       \(summary(outcomes.compactMap(\.toConfirmed)))   (timeline: received → confirmed)")
        Swift.print("  → invoiced        \(summary(outcomes.compactMap(\.toInvoiced)))   (received → finance issued the last invoice)")
        Swift.print("  queue peaks       " + queues.prefix(6).map { "\($0.queue) \($0.messages)" }.joined(separator: ", ")
                    + (failedSamples > 0 ? " (\(failedSamples) samples failed)" : ""))
        Swift.print("")
        Swift.print("audit")
        Swift.print("  accepted \(audit.accepted) = paid \(audit.paid) + rejected \(audit.rejected) + unfinished \(audit.unfinished.count); refused at intake \(audit.refused)")
        Swift.print("  ERP sales orders: \(audit.erpDocuments) for \(audit.paid) confirmed orders, \(audit.erpMissing) missing, \(audit.erpConflicts) conflicting bodies, \(audit.erpExtraDeliveries) repeated deliveries (answered with the first document)")
        Swift.print("  invoices ≠ dispatches: \(audit.invoiceMismatches) order(s)")
        Swift.print("  stock: \(audit.stockMismatches.count) SKU(s) whose on hand moved by other than what was dispatched, \(audit.negativeStock.count) negative position(s)")
        for outcome in audit.unfinished.prefix(10) { Swift.print("  unfinished \(outcome.reference) \(outcome.orderID ?? "-"): \(outcome.detail ?? "")") }
        for line in (audit.stockMismatches + audit.negativeStock).prefix(10) { Swift.print("  \(line)") }
        let lost = audit.unfinished.count + audit.erpMissing
        let duplicated = audit.erpConflicts + audit.invoiceMismatches + audit.stockMismatches.count
        Swift.print("  lost: \(lost)   duplicated: \(duplicated)   negative stock: \(audit.negativeStock.count)")
        return lost == 0 && duplicated == 0 && audit.negativeStock.isEmpty && audit.refused == 0
    }

    static func summary(_ durations: [Duration]) -> String {
        guard !durations.isEmpty else { return "no samples" }
        let sorted = durations.sorted()
        func at(_ fraction: Double) -> String {
            let value = sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.down)))]
            return String(format: "%8.1f ms", Double(value.components.seconds) * 1000 + Double(value.components.attoseconds) / 1e15)
        }
        return "p50 \(at(0.5))  p99 \(at(0.99))  max \(at(1.0))"
    }
}
