import Contracts
import Testing
@testable import Finance

/// ``TaxRegion/candidates(for:)``: most specific region first, normalised.
@Suite("Finance domain: tax regions")
struct TaxRegionTests {
    @Test func regionThenCountry() {
        #expect(TaxRegion.candidates(for: DomainFixtures.address(country: "US", region: "NY")) == ["US-NY", "US"])
    }

    @Test func countryOnlyWithoutRegion() {
        #expect(TaxRegion.candidates(for: DomainFixtures.address(country: "DE")) == ["DE"])
        #expect(TaxRegion.candidates(for: DomainFixtures.address(country: "DE", region: "  ")) == ["DE"])
    }

    @Test func uppercasedAndTrimmed() {
        #expect(TaxRegion.candidates(for: DomainFixtures.address(country: " us ", region: " ny")) == ["US-NY", "US"])
    }

    @Test func anISO3166TwoRegionIsNotPrefixedTwice() {
        #expect(TaxRegion.candidates(for: DomainFixtures.address(country: "US", region: "us-ny")) == ["US-NY", "US"])
    }

    @Test func noCountryNoCandidates() {
        #expect(TaxRegion.candidates(for: DomainFixtures.address(country: " ", region: "NY")).isEmpty)
    }
}
