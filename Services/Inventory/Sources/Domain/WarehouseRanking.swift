import Contracts
import Foundation

/// How near a warehouse is to a ship-to address, so that routing and availability list the warehouse that
/// ships fastest and cheapest first, and always in the same order for the same input.
///
/// Nearest first:
/// 1. the warehouse serves a postal-code prefix of the ship-to's postal code, same country — a longer matching
///    prefix is nearer (`803` beats `80`);
/// 2. the ship-to's region is one of the warehouse's regions, same country;
/// 3. same country;
/// 4. anything else (another country, or no ship-to at all).
///
/// Equally near warehouses are ordered by id (ascending). Country, region and postal codes compare case-insensitively;
/// postal codes and prefixes compare on their letters and digits only (`"SW1A 1AA"` matches prefix `"sw1a"`,
/// `"00-950"` matches prefix `"00-9"`). An empty prefix matches nothing.
///
/// `a < b` means `a` is nearer.
public struct WarehouseRanking: Sendable, Hashable, Comparable {
    /// How a warehouse matches a ship-to address, without the id tie-break; `a < b` means `a` is nearer.
    public enum Proximity: Sendable, Hashable, Comparable {
        /// A postal prefix of `length` letters and digits matches the ship-to's postal code (same country).
        case postalPrefix(length: Int)
        /// The ship-to's region is one the warehouse serves (same country).
        case region
        /// Same country, no better match.
        case country
        /// Another country, or no ship-to address.
        case elsewhere

        /// Tier first (postal, region, country, elsewhere), then a longer prefix first.
        private var sortKey: (tier: Int, negatedPrefixLength: Int) {
            switch self {
            case .postalPrefix(let length): (0, -length)
            case .region: (1, 0)
            case .country: (2, 0)
            case .elsewhere: (3, 0)
            }
        }

        public static func < (lhs: Proximity, rhs: Proximity) -> Bool {
            lhs.sortKey < rhs.sortKey
        }
    }

    public let proximity: Proximity
    /// The warehouse id: the tie-break between equally near warehouses.
    public let warehouseID: String

    /// Ranks `warehouse` for delivery to `shipTo` (nil: no address known, every warehouse is `.elsewhere`).
    public init(_ warehouse: Warehouse, shipTo: PostalAddress?) {
        self.proximity = Self.proximity(of: warehouse, to: shipTo)
        self.warehouseID = warehouse.id
    }

    public static func < (lhs: WarehouseRanking, rhs: WarehouseRanking) -> Bool {
        if lhs.proximity != rhs.proximity { return lhs.proximity < rhs.proximity }
        return lhs.warehouseID < rhs.warehouseID
    }

    /// `warehouses` nearest to `shipTo` first; with no ship-to, by id.
    public static func order(_ warehouses: [Warehouse], for shipTo: PostalAddress?) -> [Warehouse] {
        warehouses
            .map { (ranking: WarehouseRanking($0, shipTo: shipTo), warehouse: $0) }
            .sorted { $0.ranking < $1.ranking }
            .map(\.warehouse)
    }

    /// How `warehouse` matches `shipTo`, ignoring the id.
    public static func proximity(of warehouse: Warehouse, to shipTo: PostalAddress?) -> Proximity {
        guard let shipTo, normalizedCode(warehouse.country) == normalizedCode(shipTo.country) else {
            return .elsewhere
        }
        if let postalCode = shipTo.postalCode.map(normalizedPostal), !postalCode.isEmpty {
            let longest = warehouse.postalPrefixes
                .map(normalizedPostal)
                .filter { !$0.isEmpty && postalCode.hasPrefix($0) }
                .map(\.count)
                .max()
            if let longest { return .postalPrefix(length: longest) }
        }
        if let region = shipTo.region.map(normalizedCode), !region.isEmpty,
           warehouse.regions.contains(where: { normalizedCode($0) == region }) {
            return .region
        }
        return .country
    }

    private static func normalizedCode(_ code: String) -> String {
        code.trimmingCharacters(in: .whitespaces).uppercased()
    }

    /// Letters and digits only, upper-cased: spaces and dashes in postal codes are formatting, not part of the code.
    private static func normalizedPostal(_ code: String) -> String {
        String(code.uppercased().filter { $0.isLetter || $0.isNumber })
    }
}
