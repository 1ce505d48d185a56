/// The rule every service applies to the names channels, SKUs, warehouses and customers go by: 1 to 64 ASCII letters,
/// digits and `- _ . :` — safe in URLs, routing keys, X12 elements and log lines without escaping.
public enum BusinessIdentifier {
    /// The longest identifier, in bytes.
    public static let maximumLength = 64

    /// Whether `text` follows the rule.
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= maximumLength else { return false }
        return text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"):
                true
            default: false
            }
        }
    }
}
