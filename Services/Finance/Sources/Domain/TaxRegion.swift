import Contracts
import Foundation

/// Which tax regions apply to a ship-to address, most specific first, so that a state rate (`US-NY`) is
/// preferred and the country rate (`US`) is the fallback.
public enum TaxRegion {
    /// `["<COUNTRY>-<REGION>", "<COUNTRY>"]`, uppercased and trimmed; just `["<COUNTRY>"]` when the address has no
    /// region. A region already written as an ISO 3166-2 code of the same country (`"US-NY"`) is not prefixed
    /// again. An address without a country has no candidates.
    public static func candidates(for address: PostalAddress) -> [String] {
        let country = normalized(address.country)
        guard !country.isEmpty else { return [] }
        var region = normalized(address.region ?? "")
        if region.hasPrefix(country + "-") {
            region = String(region.dropFirst(country.count + 1))
        }
        guard !region.isEmpty else { return [country] }
        return ["\(country)-\(region)", country]
    }

    /// The form regions are compared in: trimmed and uppercased.
    static func normalized(_ region: String) -> String {
        region.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }
}
