import Foundation

/// What happened to one order of the peak day, as the driver saw it.
struct PeakDayOutcome: Sendable {
    enum Result: String, Sendable {
        /// Confirmed, dispatched, invoiced and paid.
        case paid
        case rejected
        /// Refused at intake (an HTTP error): never accepted.
        case refused
        /// Accepted but not finished within the deadline — lost or stuck.
        case unfinished
    }

    var reference: String
    var orderID: String?
    var result: Result
    var detail: String?
    /// `POST /v1/orders`, as the client timed it.
    var intake: Duration?
    /// From the order's `received` to its `confirmed` timeline entry (the services' clocks).
    var toConfirmed: Duration?
    /// From `received` to the last `invoiced` entry.
    var toInvoiced: Duration?
    var dispatches = 0
    var invoices = 0
    /// Units dispatched per SKU.
    var shippedUnits: [String: Int] = [:]
}
