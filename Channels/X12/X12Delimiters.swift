/// The four separators of one interchange, read from its ISA header (never assumed), plus the line break the
/// sender wrote after each segment terminator so a reply can be written the same way.
///
/// Separators are single ASCII characters. `repetitionSeparator` exists only from version 00402 on (ISA11);
/// in 00401 and earlier ISA11 is the standards identifier `U` and there is no repetition separator.
public struct X12Delimiters: Sendable, Hashable, CustomStringConvertible {
    /// Separates elements within a segment (the character right after `ISA`), e.g. `*` or `|`.
    public var elementSeparator: Unicode.Scalar
    /// Separates components of a composite element (ISA16), e.g. `>` or `:`.
    public var componentSeparator: Unicode.Scalar
    /// Separates repeated values of one element (ISA11 from version 00402 on); `nil` before 00402.
    public var repetitionSeparator: Unicode.Scalar?
    /// Ends each segment (the character after ISA16), e.g. `~`, or a newline itself.
    public var segmentTerminator: Unicode.Scalar
    /// What follows each terminator as written: `""`, `"\n"` or `"\r\n"` (ignored when reading).
    public var terminatorSuffix: String

    /// Creates delimiters; use ``X12Writer`` to check they are usable before writing.
    public init(
        elementSeparator: Unicode.Scalar = "*",
        componentSeparator: Unicode.Scalar = ">",
        repetitionSeparator: Unicode.Scalar? = nil,
        segmentTerminator: Unicode.Scalar = "~",
        terminatorSuffix: String = "\n"
    ) {
        self.elementSeparator = elementSeparator
        self.componentSeparator = componentSeparator
        self.repetitionSeparator = repetitionSeparator
        self.segmentTerminator = segmentTerminator
        self.terminatorSuffix = terminatorSuffix
    }

    /// The common 004010 choice: `*`, `>`, `~` and a newline after each segment.
    public static let common = X12Delimiters()

    /// Every separator character in use (element, component, repetition when present, terminator).
    public var separators: [Unicode.Scalar] {
        [elementSeparator, componentSeparator, segmentTerminator] + (repetitionSeparator.map { [$0] } ?? [])
    }

    /// The first problem that makes these delimiters unusable, or `nil`: each must be one ASCII character that is
    /// not a letter, digit or space, and no two may be equal (a newline is allowed as terminator only).
    public var problem: String? {
        for (name, scalar) in [("element separator", elementSeparator), ("component separator", componentSeparator),
                               ("segment terminator", segmentTerminator)]
            + (repetitionSeparator.map { [("repetition separator", $0)] } ?? []) {
            guard scalar.isASCII else { return "the \(name) \(Self.show(scalar)) is not an ASCII character" }
            if scalar == " " || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                return "the \(name) \(Self.show(scalar)) is a letter, digit or space, which appear in data"
            }
            if name != "segment terminator", scalar == "\n" || scalar == "\r" {
                return "the \(name) is a line break; only the segment terminator may be one"
            }
        }
        let all = separators
        if Set(all).count != all.count {
            return "two separators are the same character (\(all.map(Self.show).joined(separator: " ")))"
        }
        for scalar in terminatorSuffix.unicodeScalars where scalar != "\r" && scalar != "\n" {
            return "the text after each terminator may hold only CR and LF, not \(Self.show(scalar))"
        }
        return nil
    }

    public var description: String {
        "element \(Self.show(elementSeparator)), component \(Self.show(componentSeparator)), repetition "
            + (repetitionSeparator.map(Self.show) ?? "none") + ", terminator \(Self.show(segmentTerminator))"
    }

    static func show(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": "LF"
        case "\r": "CR"
        case " ": "space"
        default: scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F
            ? "'\(Character(scalar))'" : "U+\(String(scalar.value, radix: 16, uppercase: true))"
        }
    }
}
