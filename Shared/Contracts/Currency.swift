/// An ISO 4217 currency: its alphabetic code and how many minor-unit digits it has (EUR 2, JPY 0, BHD 3).
///
/// Only the codes in the generated table (`ISO4217.swift`) exist: current ISO 4217 currencies with a
/// numeric minor-unit count. Withdrawn codes and the "N.A." codes (precious metals, SDR and other units of
/// account, XTS, XXX) are unknown, because an amount in minor units needs a fixed number of decimals.
/// Two currencies are equal when their codes are.
public struct Currency: Hashable, Sendable, CustomStringConvertible {
    /// The three-letter uppercase code, e.g. `EUR`.
    public let code: String
    /// The ISO 4217 numeric code, e.g. 978 for EUR.
    public let numericCode: Int
    /// Digits after the decimal point: amounts are stored as integers of 10^-minorUnits of the currency.
    public let minorUnits: Int
    /// The ISO 4217 currency name, e.g. `Euro`.
    public let name: String

    private static let byCode: [String: Currency] = Dictionary(
        uniqueKeysWithValues: allCurrencies.map { ($0.code, $0) }
    )

    /// Looks up a currency by its uppercase alphabetic code.
    ///
    /// - Throws: ``CurrencyError/unknownCode(_:)`` for codes not in the table (lowercase included).
    public init(code: String) throws(CurrencyError) {
        guard let currency = Self.byCode[code] else { throw .unknownCode(code) }
        self = currency
    }

    init(tableCode code: String, numericCode: Int, minorUnits: Int, name: String) {
        self.code = code
        self.numericCode = numericCode
        self.minorUnits = minorUnits
        self.name = name
    }

    public var description: String { code }

    public static func == (lhs: Currency, rhs: Currency) -> Bool {
        lhs.code == rhs.code
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }
}

extension Currency: Codable {
    /// Decodes the code string; an unknown code is a decoding error at its coding path.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        do throws(CurrencyError) {
            try self.init(code: code)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the code string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
