import Contracts
import Foundation

/// Amounts, dates and addresses for the pure domain tests, written as they read ("12.34" EUR).
enum DomainFixtures {
    static func money(_ amount: String, _ code: String) throws -> Money {
        try Money.parse(amount, currency: try Currency(code: code))
    }

    static func currency(_ code: String) throws -> Currency {
        try Currency(code: code)
    }

    /// A UTC instant from `"yyyy-MM-ddTHH:mm:ssZ"`.
    static func instant(_ text: String) throws -> Date {
        try Date(text, strategy: .iso8601)
    }

    static func address(country: String, region: String? = nil) -> PostalAddress {
        PostalAddress(lines: ["1 Main Street"], city: "Anytown", region: region, postalCode: "00000", country: country)
    }
}
