import Contracts
import Testing

@Suite("ISO 4217 currencies")
struct CurrencyTests {
    @Test(arguments: [("EUR", 2, 978), ("USD", 2, 840), ("JPY", 0, 392), ("BHD", 3, 48), ("KWD", 3, 414), ("CLF", 4, 990), ("UYW", 4, 927)])
    func knownCodesHaveTheirMinorUnits(code: String, minorUnits: Int, numericCode: Int) throws {
        let currency = try Currency(code: code)
        #expect(currency.code == code)
        #expect(currency.minorUnits == minorUnits)
        #expect(currency.numericCode == numericCode)
    }

    @Test func namesComeFromTheTable() throws {
        #expect(try Currency(code: "EUR").name == "Euro")
        #expect(Currency.CHF.name == "Swiss Franc")
    }

    @Test(arguments: ["XAU", "XDR", "XXX", "XTS", "DEM", "eur", "EURO", ""])
    func unknownWithdrawnAndNonMonetaryCodesThrow(code: String) {
        #expect(throws: CurrencyError.unknownCode(code)) { try Currency(code: code) }
    }

    @Test func tableIsWellFormed() {
        let codes = Currency.allCurrencies.map(\.code)
        #expect(codes.count == 165)
        #expect(codes == codes.sorted())
        #expect(Set(codes).count == codes.count)
        for currency in Currency.allCurrencies {
            #expect(currency.code.utf8.count == 3 && currency.code.utf8.allSatisfy { $0 >= 65 && $0 <= 90 })
            #expect((0...4).contains(currency.minorUnits))
        }
    }

    @Test func codableUsesTheCode() throws {
        #expect(String(decoding: try StableJSON.encode([Currency.JPY]), as: UTF8.self) == #"["JPY"]"#)
        #expect(try StableJSON.decode([Currency].self, from: #"["BHD"]"#.utf8Data) == [.BHD])
        #expect(throws: DecodingError.self) { try StableJSON.decode([Currency].self, from: #"["XAU"]"#.utf8Data) }
    }
}
