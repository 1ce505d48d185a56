/// Why a code is not a usable ``Currency``.
public enum CurrencyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The code is not in the ISO 4217 table of currencies with a minor-unit count.
    case unknownCode(String)

    public var description: String {
        switch self {
        case .unknownCode(let code):
            "currency code \"\(code)\" is unknown; use a current ISO 4217 code in uppercase, e.g. EUR (withdrawn codes, metals and units of account such as XAU or XDR are not supported)"
        }
    }
}
