/// Parser for PostgreSQL's one-dimensional array output.
enum PostgresArrayLiteral {
    /// The elements' texts (`nil` for an unquoted `NULL`), or `nil` when the text is not a one-dimensional array.
    static func parse(_ text: String) -> [String?]? {
        var scalars = Substring(text).unicodeScalars[...]
        guard scalars.first == "{", scalars.last == "}" else { return nil }
        scalars = scalars.dropFirst().dropLast()
        var items: [String?] = []
        if scalars.isEmpty { return items }
        var index = scalars.startIndex
        while true {
            guard index < scalars.endIndex else { return nil }
            var item = String.UnicodeScalarView()
            if scalars[index] == "\"" {
                index = scalars.index(after: index)
                var closed = false
                while index < scalars.endIndex {
                    let scalar = scalars[index]
                    index = scalars.index(after: index)
                    if scalar == "\\" {
                        guard index < scalars.endIndex else { return nil }
                        item.append(scalars[index])
                        index = scalars.index(after: index)
                    } else if scalar == "\"" {
                        closed = true
                        break
                    } else {
                        item.append(scalar)
                    }
                }
                guard closed else { return nil }
                items.append(String(item))
            } else {
                while index < scalars.endIndex, scalars[index] != "," {
                    let scalar = scalars[index]
                    // A nested "{" means a multi-dimensional array, which this parser does not support.
                    if scalar == "{" || scalar == "}" || scalar == "\"" { return nil }
                    if scalar == "\\" {
                        index = scalars.index(after: index)
                        guard index < scalars.endIndex else { return nil }
                    }
                    item.append(scalars[index])
                    index = scalars.index(after: index)
                }
                let text = String(item)
                guard !text.isEmpty else { return nil }
                items.append(text == "NULL" ? nil : text)
            }
            if index == scalars.endIndex { return items }
            guard scalars[index] == "," else { return nil }
            index = scalars.index(after: index)
        }
    }
}
