import Foundation

/// The body of `POST /v1/quotes`: price these lines for this customer, now or at `at`.
public struct QuoteRequest: Codable, Sendable {
    public struct Line: Codable, Sendable {
        public var sku: String
        public var quantity: Int

        public init(sku: String, quantity: Int) {
            self.sku = sku
            self.quantity = quantity
        }
    }

    public var customer: String
    /// ISO 4217 code.
    public var currency: String
    public var lines: [Line]
    /// The instant to price at (promotions, validity windows); now when absent.
    public var at: Date?

    public init(customer: String, currency: String, lines: [Line], at: Date? = nil) {
        self.customer = customer
        self.currency = currency
        self.lines = lines
        self.at = at
    }
}
