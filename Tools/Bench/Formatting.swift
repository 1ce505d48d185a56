import Foundation

/// Number formats for the table (fixed, locale-independent, thousands separated by commas).
enum Formatting {
    static func rate(_ value: Double) -> String {
        grouped(Int(value.rounded()))
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }

    /// "1 client", "8 clients".
    static func clients(_ count: Int) -> String {
        count == 1 ? "1 client" : "\(count) clients"
    }

    static func percent(_ ratio: Double) -> String {
        String(format: "%.0f %%", ratio * 100)
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.1f ms", seconds(duration) * 1000)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func padded(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}
