import Testing
@testable import Pricing

/// ``CSVReader``: RFC 4180 records with the file line each starts on.
@Suite("CSV reader")
struct CSVReaderTests {
    private func read(_ text: String) throws(CSVReader.SyntaxError) -> [(line: Int, fields: [String])] {
        try CSVReader.records(text).map { ($0.line, $0.fields) }
    }

    private func lines(_ text: String) throws -> [Int] {
        try read(text).map { $0.line }
    }

    private func fields(_ text: String) throws -> [[String]] {
        try read(text).map { $0.fields }
    }

    @Test func splitsRecordsAndFieldsWithTheirLines() throws {
        let text = "sku,unit_price\nBOLT-M8,0.42\nNUT-M8,0.10\n"
        #expect(try fields(text) == [["sku", "unit_price"], ["BOLT-M8", "0.42"], ["NUT-M8", "0.10"]])
        #expect(try lines(text) == [1, 2, 3])
    }

    @Test func acceptsCRLFLineEndings() throws {
        let text = "a,b\r\nc,d\r\n"
        #expect(try fields(text) == [["a", "b"], ["c", "d"]])
        #expect(try lines(text) == [1, 2])
    }

    @Test func acceptsBareCRLineEndings() throws {
        #expect(try fields("a,b\rc,d") == [["a", "b"], ["c", "d"]])
        #expect(try lines("a,b\rc,d") == [1, 2])
    }

    @Test func lastRecordNeedsNoLineEnding() throws {
        #expect(try fields("a,b\nc,d") == [["a", "b"], ["c", "d"]])
    }

    @Test func stripsAByteOrderMark() throws {
        #expect(try fields("\u{FEFF}sku,unit_price\nX,1") == [["sku", "unit_price"], ["X", "1"]])
    }

    @Test func quotedFieldKeepsCommas() throws {
        #expect(try fields("\"BOLT,M8\",0.42\n") == [["BOLT,M8", "0.42"]])
    }

    @Test func doubledQuoteInAQuotedFieldIsOneQuote() throws {
        #expect(try fields("\"a \"\"b\"\" c\",d") == [["a \"b\" c", "d"]])
    }

    @Test func emptyQuotedFieldIsAnEmptyField() throws {
        #expect(try fields("\"\",x\n\"\"\n") == [["", "x"], [""]])
    }

    @Test func quotedLineBreakStaysInTheFieldAndCountsAsALine() throws {
        let text = "a,\"two\nlines\"\nb,c\n"
        #expect(try fields(text) == [["a", "two\nlines"], ["b", "c"]])
        #expect(try lines(text) == [1, 3], "the record after a two-line field starts on line 3")
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let text = "a,b\n\nc,d\r\n\r\n\ne,f\n"
        #expect(try fields(text) == [["a", "b"], ["c", "d"], ["e", "f"]])
        #expect(try lines(text) == [1, 3, 6])
    }

    @Test func trailingCommaGivesAnEmptyLastField() throws {
        #expect(try fields("a,\n") == [["a", ""]])
    }

    @Test func emptyTextHasNoRecords() throws {
        #expect(try read("").isEmpty)
        #expect(try read("\u{FEFF}").isEmpty)
        #expect(try read("\n\r\n").isEmpty)
    }

    @Test func unclosedQuoteIsAnErrorOnTheLineItOpens() throws {
        let error = try #require(throws: CSVReader.SyntaxError.self) {
            try CSVReader.records("a,b\nc,\"open\nstill open\nmore\n")
        }
        #expect(error.line == 2)
    }

    @Test func quoteInsideAnUnquotedFieldIsAnError() throws {
        let error = try #require(throws: CSVReader.SyntaxError.self) {
            try CSVReader.records("a,b\r\nc,d\r\ne,f\"g\r\n")
        }
        #expect(error.line == 3)
    }

    @Test func textAfterAClosingQuoteIsAnError() throws {
        let error = try #require(throws: CSVReader.SyntaxError.self) {
            try CSVReader.records("a,b\n\"c\"d,e\n")
        }
        #expect(error.line == 2)
    }
}
