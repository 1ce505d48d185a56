import Foundation

/// When a price list, agreement or promotion is in force: from `start` (inclusive) up to `end` (exclusive),
/// open-ended when `end` is absent.
///
/// Half-open periods let one period end exactly where the next begins (`…–2027-01-01`, `2027-01-01–…`)
/// without an instant where both, or neither, apply.
public struct EffectivePeriod: Sendable, Hashable {
    public var start: Date
    public var end: Date?

    public init(start: Date, end: Date? = nil) {
        self.start = start
        self.end = end
    }

    /// Whether `instant` lies in the period: `start <= instant < end`.
    public func contains(_ instant: Date) -> Bool {
        guard start <= instant else { return false }
        guard let end else { return true }
        return instant < end
    }
}
