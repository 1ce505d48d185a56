import Contracts
import Testing
@testable import Inventory

/// ``WarehouseRanking``: postal prefix (longest first) beats region beats country beats elsewhere, ties by id,
/// and matches only count in the ship-to's country.
@Suite("Warehouse ranking")
struct WarehouseRankingTests {
    private func address(country: String = "DE", region: String? = "BY", postalCode: String? = "80331") -> PostalAddress {
        PostalAddress(lines: ["Marienplatz 1"], city: "München", region: region, postalCode: postalCode, country: country)
    }

    private func orderedIDs(_ warehouses: [Warehouse], for shipTo: PostalAddress?) -> [String] {
        WarehouseRanking.order(warehouses, for: shipTo).map(\.id)
    }

    // MARK: - Tiers

    @Test func postalPrefixBeatsRegion() {
        let byRegion = Warehouse(id: "A-REGION", country: "DE", regions: ["BY"])
        let byPrefix = Warehouse(id: "B-PREFIX", country: "DE", postalPrefixes: ["80"])
        #expect(orderedIDs([byRegion, byPrefix], for: address()) == ["B-PREFIX", "A-REGION"])
    }

    @Test func regionBeatsCountry() {
        let sameCountry = Warehouse(id: "A-COUNTRY", country: "DE", regions: ["HE"])
        let sameRegion = Warehouse(id: "B-REGION", country: "DE", regions: ["BW", "BY"])
        #expect(orderedIDs([sameCountry, sameRegion], for: address()) == ["B-REGION", "A-COUNTRY"])
    }

    @Test func countryBeatsAnotherCountry() {
        let abroad = Warehouse(id: "A-ABROAD", country: "AT")
        let sameCountry = Warehouse(id: "B-COUNTRY", country: "DE")
        #expect(orderedIDs([abroad, sameCountry], for: address()) == ["B-COUNTRY", "A-ABROAD"])
    }

    @Test func longerPrefixBeatsShorter() {
        let short = Warehouse(id: "A-SHORT", country: "DE", postalPrefixes: ["8"])
        let long = Warehouse(id: "B-LONG", country: "DE", postalPrefixes: ["90", "803"])
        #expect(orderedIDs([short, long], for: address()) == ["B-LONG", "A-SHORT"])
    }

    @Test func proximityReportsTheLongestMatchingPrefix() {
        let warehouse = Warehouse(id: "W", country: "DE", regions: ["BY"], postalPrefixes: ["8", "803", "80", "804"])
        #expect(WarehouseRanking.proximity(of: warehouse, to: address()) == .postalPrefix(length: 3))
    }

    @Test func proximitiesCompareNearestFirst() {
        let nearestFirst: [WarehouseRanking.Proximity] = [.postalPrefix(length: 3), .postalPrefix(length: 1), .region, .country, .elsewhere]
        #expect(nearestFirst.shuffled().sorted() == nearestFirst)
    }

    // MARK: - Ties and missing data

    @Test func equallyNearWarehousesAreOrderedById() {
        let warehouses = ["W-3", "W-1", "W-2"].map { Warehouse(id: $0, country: "DE", regions: ["BY"]) }
        #expect(orderedIDs(warehouses, for: address()) == ["W-1", "W-2", "W-3"])
    }

    @Test func rankingIncludesTheIdTieBreak() {
        let first = WarehouseRanking(Warehouse(id: "W-1", country: "DE"), shipTo: address())
        let second = WarehouseRanking(Warehouse(id: "W-2", country: "DE"), shipTo: address())
        #expect(first < second)
        #expect(first.proximity == second.proximity)
    }

    @Test func withoutShipToWarehousesAreOrderedById() {
        let warehouses = [
            Warehouse(id: "W-2", country: "DE", regions: ["BY"], postalPrefixes: ["80"]),
            Warehouse(id: "W-1", country: "AT"),
        ]
        #expect(orderedIDs(warehouses, for: nil) == ["W-1", "W-2"])
        #expect(WarehouseRanking.proximity(of: warehouses[0], to: nil) == .elsewhere)
    }

    @Test func withoutPostalCodeRegionDecides() {
        let byPrefix = Warehouse(id: "A-PREFIX", country: "DE", postalPrefixes: ["80"])
        let byRegion = Warehouse(id: "B-REGION", country: "DE", regions: ["BY"])
        #expect(orderedIDs([byPrefix, byRegion], for: address(postalCode: nil)) == ["B-REGION", "A-PREFIX"])
    }

    // MARK: - Matching only in the ship-to's country

    @Test func prefixOfAnotherCountryDoesNotMatch() {
        let austrian = Warehouse(id: "A-AT", country: "AT", postalPrefixes: ["80"])
        #expect(WarehouseRanking.proximity(of: austrian, to: address()) == .elsewhere)
    }

    @Test func regionOfAnotherCountryDoesNotMatch() {
        let austrian = Warehouse(id: "A-AT", country: "AT", regions: ["BY"])
        #expect(WarehouseRanking.proximity(of: austrian, to: address()) == .elsewhere)
    }

    // MARK: - Normalisation

    @Test func postalCodesCompareIgnoringCaseSpacesAndDashes() {
        let london = Warehouse(id: "W-LON", country: "GB", postalPrefixes: ["sw1a"])
        let warsaw = Warehouse(id: "W-WAW", country: "pl", postalPrefixes: ["00-9"])
        #expect(WarehouseRanking.proximity(of: london, to: address(country: "GB", region: nil, postalCode: "SW1A 1AA")) == .postalPrefix(length: 4))
        #expect(WarehouseRanking.proximity(of: warsaw, to: address(country: "PL", region: nil, postalCode: "00-950")) == .postalPrefix(length: 3))
    }

    @Test func regionsCompareIgnoringCase() {
        let warehouse = Warehouse(id: "W", country: "DE", regions: ["by"])
        #expect(WarehouseRanking.proximity(of: warehouse, to: address(postalCode: nil)) == .region)
    }

    @Test func emptyPrefixMatchesNothing() {
        let warehouse = Warehouse(id: "W", country: "DE", postalPrefixes: [""])
        #expect(WarehouseRanking.proximity(of: warehouse, to: address(region: nil)) == .country)
    }
}
