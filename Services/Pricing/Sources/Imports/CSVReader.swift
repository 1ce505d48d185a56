/// Reads RFC 4180 CSV: comma-separated fields, optionally double-quoted (a quoted field may hold commas,
/// line breaks and `""` for a quote), records ended by CRLF or LF, an optional UTF-8 byte-order mark, and
/// blank lines skipped. Each record keeps the line it starts on, so errors can name it.
struct CSVReader {
    struct Record: Sendable {
        /// 1-based line of the file where the record starts.
        var line: Int
        var fields: [String]
    }

    struct SyntaxError: Error, Sendable {
        var line: Int
        var detail: String
    }

    /// All records of `text`, or the first syntax error (an unterminated quote, text after a closing quote).
    static func records(_ text: String) throws(SyntaxError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var afterClosingQuote = false
        var fieldStarted = false
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }

        func endRecord() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            // A line with nothing on it is not a record.
            if !(fields.count == 1 && fields[0].isEmpty && !fieldStarted) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
            fieldStarted = false
            afterClosingQuote = false
        }

        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if inQuotes {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = iterator.next()
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
                afterClosingQuote = false
                fieldStarted = true
            case "\r" where pending == "\n":
                continue
            case "\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            case "\"":
                guard field.isEmpty, !afterClosingQuote else {
                    throw SyntaxError(line: line, detail: "a quote inside an unquoted field; quote the whole field and double the quote (\"\")")
                }
                inQuotes = true
                fieldStarted = true
            default:
                guard !afterClosingQuote else {
                    throw SyntaxError(line: line, detail: "text after a closing quote; a quoted field must end at a comma or the end of the line")
                }
                field.append(scalar)
                fieldStarted = true
            }
        }
        if inQuotes { throw SyntaxError(line: recordLine, detail: "a quoted field is not closed before the end of the file") }
        if fieldStarted || !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
