/// Reads the YAML subset Wholesail's deployment files are written in, so the tests can check docker-compose.yml and
/// the Kubernetes manifests without a YAML package (the suite keeps its dependencies lean).
///
/// Supported: block mappings and sequences (indented with spaces), `- key: value` items, plain, single- and
/// double-quoted scalars, flow sequences of scalars (`["a", "b"]`), `{}` and `[]`, comments, anchors (`&name`),
/// aliases (`*name`) and merge keys (`<<: *name`). Anything else — block scalars (`|`, `>`), tags, flow mappings,
/// several documents, multi-line plain scalars — is refused with a ``YAMLSubsetError`` naming the line, so a file
/// that grows past the subset fails its tests loudly instead of being misread.
struct YAMLDocument {
    /// The document's root value (an empty mapping for an empty document).
    let root: YAMLNode

    init(parsing text: String) throws(YAMLSubsetError) {
        var parser = try Parser(text: text)
        root = try parser.parseDocument()
    }

    /// One non-blank line, comments removed, with its indentation.
    private struct Line {
        let number: Int
        let indent: Int
        let text: String
    }

    private struct Parser {
        var lines: [Line] = []
        var index = 0
        var anchors: [String: YAMLNode] = [:]

        init(text: String) throws(YAMLSubsetError) {
            for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let number = offset + 1
                let leading = raw.prefix { $0 == " " || $0 == "\t" }
                guard !leading.contains("\t") else { throw YAMLSubsetError(line: number, "tab in indentation; indent with spaces") }
                let content = Self.removingComment(String(raw.dropFirst(leading.count)))
                let trimmed = String(content.reversed().drop { $0 == " " || $0 == "\r" }.reversed())
                guard !trimmed.isEmpty else { continue }
                guard trimmed != "---", trimmed != "...", !trimmed.hasPrefix("--- "), !trimmed.hasPrefix("%") else {
                    throw YAMLSubsetError(line: number, "document markers and directives are outside the supported subset")
                }
                lines.append(Line(number: number, indent: leading.count, text: trimmed))
            }
        }

        mutating func parseDocument() throws(YAMLSubsetError) -> YAMLNode {
            guard let first = lines.first else { return .mapping([:]) }
            let root = try parseBlock(indent: first.indent)
            if index < lines.count {
                throw YAMLSubsetError(line: lines[index].number, "indented less than the document's first line")
            }
            return root
        }

        // MARK: Blocks

        private mutating func parseBlock(indent: Int) throws(YAMLSubsetError) -> YAMLNode {
            Self.isSequenceItem(lines[index].text) ? try parseSequence(indent: indent) : try parseMapping(indent: indent)
        }

        private mutating func parseSequence(indent: Int) throws(YAMLSubsetError) -> YAMLNode {
            var items: [YAMLNode] = []
            while index < lines.count, lines[index].indent == indent, Self.isSequenceItem(lines[index].text) {
                let line = lines[index]
                let rest = String(line.text.dropFirst().drop { $0 == " " })
                let column = indent + line.text.count - rest.count
                if rest.isEmpty {
                    index += 1
                    if index < lines.count, lines[index].indent > indent {
                        items.append(try parseBlock(indent: lines[index].indent))
                    } else {
                        items.append(.scalar(""))
                    }
                } else if Self.isSequenceItem(rest) {
                    throw YAMLSubsetError(line: line.number, "a sequence directly inside a sequence item (`- - x`) is outside the supported subset")
                } else if try Self.mappingEntry(rest, line: line.number) != nil {
                    // `- key: value`: a mapping whose keys line up with `key`.
                    lines[index] = Line(number: line.number, indent: column, text: rest)
                    items.append(try parseMapping(indent: column))
                } else {
                    items.append(try inlineValue(rest, line: line.number))
                    index += 1
                }
            }
            if index < lines.count, lines[index].indent > indent {
                throw YAMLSubsetError(line: lines[index].number, "unexpected indentation after a complete sequence item")
            }
            return .sequence(items)
        }

        private mutating func parseMapping(indent: Int) throws(YAMLSubsetError) -> YAMLNode {
            var entries: [String: YAMLNode] = [:]
            var merged: [[String: YAMLNode]] = []
            while index < lines.count, lines[index].indent == indent, !Self.isSequenceItem(lines[index].text) {
                let line = lines[index]
                guard let (key, afterKey) = try Self.mappingEntry(line.text, line: line.number) else {
                    throw YAMLSubsetError(line: line.number, "expected `key: value` in a mapping")
                }
                index += 1
                var rest = afterKey
                var anchor: String?
                if rest.hasPrefix("&") {
                    let name = String(rest.dropFirst().prefix { $0 != " " })
                    guard !name.isEmpty else { throw YAMLSubsetError(line: line.number, "anchor without a name") }
                    anchor = name
                    rest = String(rest.dropFirst(name.count + 1).drop { $0 == " " })
                }
                let value: YAMLNode
                if !rest.isEmpty {
                    value = try inlineValue(rest, line: line.number)
                } else if index < lines.count, lines[index].indent > indent {
                    value = try parseBlock(indent: lines[index].indent)
                } else if index < lines.count, lines[index].indent == indent, Self.isSequenceItem(lines[index].text) {
                    value = try parseSequence(indent: indent)
                } else {
                    value = .scalar("")
                }
                if let anchor { anchors[anchor] = value }
                if key == "<<" {
                    guard case .mapping(let mapping) = value else {
                        throw YAMLSubsetError(line: line.number, "a merge key (<<) needs a mapping")
                    }
                    merged.append(mapping)
                    continue
                }
                guard entries[key] == nil else { throw YAMLSubsetError(line: line.number, "duplicate key \"\(key)\"") }
                entries[key] = value
            }
            if index < lines.count, lines[index].indent > indent {
                throw YAMLSubsetError(line: lines[index].number, "unexpected indentation")
            }
            for mapping in merged {
                for (key, value) in mapping where entries[key] == nil {
                    entries[key] = value
                }
            }
            return .mapping(entries)
        }

        // MARK: Values on one line

        private func inlineValue(_ text: String, line: Int) throws(YAMLSubsetError) -> YAMLNode {
            switch text.first {
            case "*":
                let name = String(text.dropFirst())
                guard let value = anchors[name] else { throw YAMLSubsetError(line: line, "alias *\(name) names no anchor above it") }
                return value
            case "[":
                guard text.hasSuffix("]") else { throw YAMLSubsetError(line: line, "a flow sequence must close on its line") }
                let inner = String(text.dropFirst().dropLast())
                guard inner.contains(where: { $0 != " " }) else { return .sequence([]) }
                var items: [YAMLNode] = []
                for item in try Self.splittingFlowItems(inner, line: line) {
                    guard let first = item.first, first != "[", first != "{" else {
                        throw YAMLSubsetError(line: line, "only scalars are supported inside a flow sequence")
                    }
                    items.append(.scalar(try Self.scalar(item, line: line)))
                }
                return .sequence(items)
            case "{":
                guard text == "{}" else { throw YAMLSubsetError(line: line, "flow mappings other than {} are outside the supported subset") }
                return .mapping([:])
            case "|", ">", "!", "&", "@", "`":
                throw YAMLSubsetError(line: line, "\"\(text.prefix(1))\" values (block scalars, tags, reserved) are outside the supported subset")
            default:
                return .scalar(try Self.scalar(text, line: line))
            }
        }

        // MARK: Lexical helpers

        private static func isSequenceItem(_ text: String) -> Bool {
            text == "-" || text.hasPrefix("- ")
        }

        /// `key: rest` split at the colon that ends the key, or nil when the text is not a mapping entry.
        private static func mappingEntry(_ text: String, line: Int) throws(YAMLSubsetError) -> (key: String, rest: String)? {
            if text.first == "\"" || text.first == "'" {
                let (key, end) = try quoted(text, line: line)
                let after = text[end...].drop { $0 == " " }
                guard after.first == ":", after.dropFirst().first.map({ $0 == " " }) ?? true else { return nil }
                return (key, String(after.dropFirst().drop { $0 == " " }))
            }
            guard let first = text.first, !"[{*&|>!".contains(first) else { return nil }
            var position = text.startIndex
            while let colon = text[position...].firstIndex(of: ":") {
                let next = text.index(after: colon)
                if next == text.endIndex || text[next] == " " {
                    let key = String(text[..<colon].reversed().drop { $0 == " " }.reversed())
                    guard !key.isEmpty else { return nil }
                    return (key, String(text[next...].drop { $0 == " " }))
                }
                position = next
            }
            return nil
        }

        /// A whole scalar: quoted (the quotes must end the text) or plain.
        private static func scalar(_ text: String, line: Int) throws(YAMLSubsetError) -> String {
            guard text.first == "\"" || text.first == "'" else { return text }
            let (value, end) = try quoted(text, line: line)
            guard end == text.endIndex else { throw YAMLSubsetError(line: line, "text after a closing quote") }
            return value
        }

        /// The quoted scalar at the start of `text` and the index after its closing quote.
        private static func quoted(_ text: String, line: Int) throws(YAMLSubsetError) -> (String, String.Index) {
            let quote = text[text.startIndex]
            var value = ""
            var position = text.index(after: text.startIndex)
            while position < text.endIndex {
                let character = text[position]
                let next = text.index(after: position)
                if quote == "'" && character == "'" {
                    if next < text.endIndex, text[next] == "'" {
                        value.append("'")
                        position = text.index(after: next)
                        continue
                    }
                    return (value, next)
                }
                if quote == "\"" && character == "\"" { return (value, next) }
                if quote == "\"" && character == "\\" {
                    guard next < text.endIndex else { break }
                    switch text[next] {
                    case "\\": value.append("\\")
                    case "\"": value.append("\"")
                    case "/": value.append("/")
                    case "n": value.append("\n")
                    case "t": value.append("\t")
                    default: throw YAMLSubsetError(line: line, "unsupported escape \\\(text[next])")
                    }
                    position = text.index(after: next)
                    continue
                }
                value.append(character)
                position = next
            }
            throw YAMLSubsetError(line: line, "unterminated quoted scalar")
        }

        /// The items of a flow sequence's inside, split at commas outside quotes, trimmed.
        private static func splittingFlowItems(_ inner: String, line: Int) throws(YAMLSubsetError) -> [String] {
            var items: [String] = []
            var current = ""
            var quote: Character?
            var escaped = false
            for character in inner {
                if let active = quote {
                    current.append(character)
                    if escaped {
                        escaped = false
                    } else if active == "\"" && character == "\\" {
                        escaped = true
                    } else if character == active {
                        quote = nil
                    }
                } else if character == "," {
                    items.append(current.trimmingSpaces)
                    current = ""
                } else {
                    if character == "\"" || character == "'" { quote = character }
                    current.append(character)
                }
            }
            guard quote == nil else { throw YAMLSubsetError(line: line, "unterminated quoted scalar in a flow sequence") }
            items.append(current.trimmingSpaces)
            guard !items.contains(where: \.isEmpty) else { throw YAMLSubsetError(line: line, "empty item in a flow sequence") }
            return items
        }

        /// The line without its comment: from a `#` outside quotes that starts the line or follows a space.
        private static func removingComment(_ text: String) -> String {
            var quote: Character?
            var escaped = false
            var previous: Character = " "
            var position = text.startIndex
            while position < text.endIndex {
                let character = text[position]
                if let active = quote {
                    if escaped {
                        escaped = false
                    } else if active == "\"" && character == "\\" {
                        escaped = true
                    } else if character == active {
                        quote = nil
                    }
                } else if character == "#" && previous == " " {
                    return String(text[..<position])
                } else if (character == "\"" || character == "'") && (previous == " " || previous == "[" || previous == ",") {
                    quote = character
                }
                previous = character
                position = text.index(after: position)
            }
            return text
        }
    }
}

private extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
