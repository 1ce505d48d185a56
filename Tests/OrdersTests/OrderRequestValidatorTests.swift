import Contracts
import Foundation
import Orders
import Testing

/// ``OrderRequestValidator``: a valid body becomes the expected ``OrderRequest``; an invalid one is refused with every
/// problem at once, each named by the JSON pointer of its field.
@Suite("Order request validator")
struct OrderRequestValidatorTests {
    // MARK: - Helpers

    private func body(_ json: String) throws -> JSONValue {
        try JSONValue(data: Data(json.utf8))
    }

    /// The pointers of every violation the body is refused with; fails the test if the body is accepted.
    private func violationPointers(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let value = try body(json)
        do {
            let accepted = try OrderRequestValidator.validate(value)
            Issue.record("expected the body to be refused, but it was accepted as \(accepted)", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.violations.map(\.pointer)
        }
    }

    /// A minimal valid order whose one line is `line` (a JSON object) and whose currency is `currency`.
    private func order(line: String, currency: String = "EUR") -> String {
        #"""
        {"channelOrderReference": "WS-1", "customer": "C-1", "currency": "\#(currency)",
         "shipTo": {"lines": ["Hafenstraße 12"], "city": "Hamburg", "country": "DE"},
         "lines": [\#(line)]}
        """#
    }

    private let euro = Currency.EUR

    // MARK: - Valid orders

    @Test func aFullOrderWithEveryOptionalFieldParsesToTheExpectedRequest() throws {
        let value = try body(#"""
        {"channel": "web-shop", "channelOrderReference": "WS-100234", "customer": "C-10042", "currency": "EUR",
         "shipTo": {"name": "Goods In", "company": "Nordlicht Handel GmbH", "lines": ["Hafenstraße 12", "Tor 3"],
                    "city": "Hamburg", "region": "HH", "postalCode": "20457", "country": "DE"},
         "lines": [{"sku": "BOLT-M8-50", "quantity": 200, "unitPrice": "0.12"},
                   {"sku": "NUT_M8.zinc:v2", "quantity": 1000000000},
                   {"sku": "WASHER-M8", "quantity": 3, "unitPrice": "7"}],
         "requestedDate": "2028-02-29", "purchaseOrderNumber": "PO-77812"}
        """#)

        let request = try OrderRequestValidator.validate(value)

        let expected = OrderRequest(
            channel: "web-shop", channelOrderReference: "WS-100234", customer: "C-10042", currency: euro,
            shipTo: PostalAddress(
                name: "Goods In", company: "Nordlicht Handel GmbH", lines: ["Hafenstraße 12", "Tor 3"], city: "Hamburg",
                region: "HH", postalCode: "20457", country: "DE"
            ),
            lines: [
                .init(sku: "BOLT-M8-50", quantity: 200, unitPrice: Money(minorUnits: 12, currency: euro)),
                .init(sku: "NUT_M8.zinc:v2", quantity: 1_000_000_000, unitPrice: nil),
                .init(sku: "WASHER-M8", quantity: 3, unitPrice: Money(minorUnits: 700, currency: euro)),
            ],
            requestedDate: "2028-02-29", purchaseOrderNumber: "PO-77812"
        )
        #expect(request == expected)
    }

    @Test func aMinimalOrderParsesWithEveryOptionalFieldNil() throws {
        let request = try OrderRequestValidator.validate(body(order(line: #"{"sku": "BOLT-M8-50", "quantity": 1}"#)))

        let expected = OrderRequest(
            channel: nil, channelOrderReference: "WS-1", customer: "C-1", currency: euro,
            shipTo: PostalAddress(lines: ["Hafenstraße 12"], city: "Hamburg", country: "DE"),
            lines: [.init(sku: "BOLT-M8-50", quantity: 1, unitPrice: nil)],
            requestedDate: nil
        )
        #expect(request == expected)
    }

    @Test func aPurchaseOrderNumberLongerThan100CharactersIsRefused() throws {
        let json = order(line: #"{"sku": "BOLT-M8-50", "quantity": 1}"#).replacingOccurrences(
            of: #""customer": "C-1","#, with: #""customer": "C-1", "purchaseOrderNumber": "\#(String(repeating: "9", count: 101))","#
        )
        #expect(try violationPointers(json) == ["/purchaseOrderNumber"])
    }

    @Test func explicitNullOptionalFieldsAreAccepted() throws {
        let request = try OrderRequestValidator.validate(body(#"""
        {"channel": null, "channelOrderReference": "WS-1", "customer": "C-1", "currency": "EUR",
         "shipTo": {"name": null, "lines": ["Hafenstraße 12"], "city": "Hamburg", "country": "DE"},
         "lines": [{"sku": "BOLT-M8-50", "quantity": 1, "unitPrice": null}], "requestedDate": null}
        """#))
        #expect(request.channel == nil)
        #expect(request.shipTo.name == nil)
        #expect(request.lines.first?.unitPrice == nil)
        #expect(request.requestedDate == nil)
    }

    @Test func receivedNumbersLinesByTheirOneBasedPositionAndCarriesEveryField() throws {
        let request = try OrderRequestValidator.validate(body(#"""
        {"channelOrderReference": "WS-7", "customer": "C-9", "currency": "EUR",
         "shipTo": {"lines": ["Hafenstraße 12"], "city": "Hamburg", "country": "DE"},
         "lines": [{"sku": "A", "quantity": 5, "unitPrice": "1.50"}, {"sku": "B", "quantity": 6}, {"sku": "C", "quantity": 7}],
         "requestedDate": "2026-12-03"}
        """#))
        let receivedAt = Date(timeIntervalSince1970: 1_767_225_600.123)

        let received = request.received(orderID: "ord-42", channel: "web-shop", receivedAt: receivedAt)

        #expect(received.lines.map(\.lineNumber) == [1, 2, 3])
        #expect(received.lines.map(\.sku) == ["A", "B", "C"])
        #expect(received.lines.map(\.quantity) == [5, 6, 7])
        #expect(received.lines.map(\.channelUnitPrice) == [Money(minorUnits: 150, currency: euro), nil, nil])
        #expect(received.orderID == "ord-42")
        #expect(received.channel == "web-shop")
        #expect(received.channelOrderReference == "WS-7")
        #expect(received.customer == "C-9")
        #expect(received.currency == euro)
        #expect(received.shipTo == request.shipTo)
        #expect(received.requestedDate == "2026-12-03")
        #expect(received.receivedAt == receivedAt)
    }

    // MARK: - Every problem at once

    @Test func everyProblemIsReportedAtOnceWithItsPointer() throws {
        let pointers = try violationPointers(#"""
        {"channelOrderReference": "WS-1", "customer": "C-1", "currency": "QQQ",
         "shipTo": {"lines": ["Hafenstraße 12"], "country": "DE"},
         "lines": [{"sku": "BOLT M8", "quantity": 2, "unitPrice": 1.5}, {"sku": "NUT-M8", "quantity": 0}],
         "requestedDate": "2026-02-30", "colour": "red"}
        """#)

        #expect(Set(pointers) == [
            "/colour", "/currency", "/shipTo/city", "/lines/0/sku", "/lines/0/unitPrice", "/lines/1/quantity", "/requestedDate",
        ])
        #expect(pointers.count == 7, "each problem once: \(pointers)")
    }

    @Test func missingRequiredFieldsAreEachNamed() throws {
        let pointers = try violationPointers("{}")
        #expect(Set(pointers) == ["/channelOrderReference", "/customer", "/currency", "/shipTo", "/lines"])
    }

    @Test func aBodyThatIsNotAnObjectIsReportedAtTheEmptyPointer() throws {
        for json in [#"[{"sku": "A"}]"#, #""order""#, "42", "null", "true"] {
            let pointers = try violationPointers(json)
            #expect(pointers == [""], "body \(json)")
        }
    }

    @Test func theErrorDescriptionNamesEachPointer() throws {
        let value = try body(order(line: #"{"sku": "A", "quantity": 0}"#, currency: "QQQ"))
        do {
            _ = try OrderRequestValidator.validate(value)
            Issue.record("expected the body to be refused")
        } catch {
            #expect(error.description.contains("/currency"))
            #expect(error.description.contains("/lines/0/quantity"))
        }
    }

    // MARK: - Lines

    @Test func anEmptyLinesArrayIsRefused() throws {
        let pointers = try violationPointers(order(line: ""))
        #expect(pointers == ["/lines"])
    }

    @Test func linesThatAreNotAnArrayAreRefused() throws {
        let pointers = try violationPointers(#"""
        {"channelOrderReference": "WS-1", "customer": "C-1", "currency": "EUR",
         "shipTo": {"lines": ["Hafenstraße 12"], "city": "Hamburg", "country": "DE"},
         "lines": {"sku": "A", "quantity": 1}}
        """#)
        #expect(pointers == ["/lines"])
    }

    @Test func moreThanTheMaximumNumberOfLinesIsRefused() throws {
        let line = #"{"sku": "A", "quantity": 1}"#
        let tooMany = Array(repeating: line, count: OrderRequestValidator.maximumLines + 1).joined(separator: ",")
        #expect(OrderRequestValidator.maximumLines == 1_000)
        let pointers = try violationPointers(order(line: tooMany))
        #expect(pointers == ["/lines"])
    }

    @Test func exactlyTheMaximumNumberOfLinesIsAccepted() throws {
        let line = #"{"sku": "A", "quantity": 1}"#
        let maximum = Array(repeating: line, count: OrderRequestValidator.maximumLines).joined(separator: ",")
        let request = try OrderRequestValidator.validate(body(order(line: maximum)))
        #expect(request.lines.count == 1_000)
    }

    @Test func aLineThatIsNotAnObjectIsReportedAtItsIndex() throws {
        let pointers = try violationPointers(order(line: #"{"sku": "A", "quantity": 1}, "B""#))
        #expect(pointers == ["/lines/1"])
    }

    @Test func anUnknownLineMemberIsReportedUnderItsLine() throws {
        let pointers = try violationPointers(order(line: #"{"sku": "A", "quantity": 1, "discount": "0.10"}"#))
        #expect(pointers == ["/lines/0/discount"])
    }

    @Test func aSkuWithASpaceIsRefused() throws {
        let pointers = try violationPointers(order(line: #"{"sku": "BOLT M8", "quantity": 1}"#))
        #expect(pointers == ["/lines/0/sku"])
    }

    @Test func aSkuLongerThanSixtyFourCharactersIsRefused() throws {
        let sku = String(repeating: "A", count: 65)
        let pointers = try violationPointers(order(line: #"{"sku": "\#(sku)", "quantity": 1}"#))
        #expect(pointers == ["/lines/0/sku"])
    }

    @Test func aMissingSkuAndQuantityAreEachReported() throws {
        let pointers = try violationPointers(order(line: "{}"))
        #expect(Set(pointers) == ["/lines/0/sku", "/lines/0/quantity"])
    }

    // MARK: - Quantity

    @Test func aFractionalQuantityIsRefused() throws {
        let pointers = try violationPointers(order(line: #"{"sku": "A", "quantity": 1.5}"#))
        #expect(pointers == ["/lines/0/quantity"])
    }

    @Test func aQuantityOfOneTrillionIsRefused() throws {
        let pointers = try violationPointers(order(line: #"{"sku": "A", "quantity": 1e12}"#))
        #expect(pointers == ["/lines/0/quantity"])
    }

    @Test func aQuantityBeyondOneTrillionIsRefused() throws {
        let pointers = try violationPointers(order(line: #"{"sku": "A", "quantity": 1e20}"#))
        #expect(pointers == ["/lines/0/quantity"])
    }

    @Test func aQuantityOfExactlyTheMaximumIsAccepted() throws {
        #expect(OrderRequestValidator.maximumQuantity == 1_000_000_000)
        let request = try OrderRequestValidator.validate(body(order(line: #"{"sku": "A", "quantity": 1000000000}"#)))
        #expect(request.lines.first?.quantity == 1_000_000_000)
    }

    @Test func aQuantityOneAboveTheMaximumIsRefused() throws {
        let pointers = try violationPointers(order(line: #"{"sku": "A", "quantity": 1000000001}"#))
        #expect(pointers == ["/lines/0/quantity"])
    }

    @Test func aQuantityWrittenWithAnExponentOrTrailingZeroFractionIsAccepted() throws {
        let request = try OrderRequestValidator.validate(body(order(line: #"{"sku": "A", "quantity": 2e3}, {"sku": "B", "quantity": 7.0}"#)))
        #expect(request.lines.map(\.quantity) == [2_000, 7])
    }

    @Test func zeroAndNegativeQuantitiesAreRefused() throws {
        let pointers = try violationPointers(order(line: #"{"sku": "A", "quantity": 0}, {"sku": "B", "quantity": -3}"#))
        #expect(pointers == ["/lines/0/quantity", "/lines/1/quantity"])
    }

    @Test func aQuantityGivenAsAStringIsRefused() throws {
        let pointers = try violationPointers(order(line: #"{"sku": "A", "quantity": "5"}"#))
        #expect(pointers == ["/lines/0/quantity"])
    }

    // MARK: - Unit price

    @Test func aUnitPriceWithMoreDecimalsThanEuroHasIsRefused() throws {
        let pointers = try violationPointers(order(line: #"{"sku": "A", "quantity": 1, "unitPrice": "1.234"}"#))
        #expect(pointers == ["/lines/0/unitPrice"])
    }

    @Test func aUnitPriceWithAnyDecimalsInYenIsRefused() throws {
        let pointers = try violationPointers(order(line: #"{"sku": "A", "quantity": 1, "unitPrice": "1.5"}"#, currency: "JPY"))
        #expect(pointers == ["/lines/0/unitPrice"])
    }

    @Test func aUnitPriceWithThreeDecimalsInBahrainiDinarIsAccepted() throws {
        let request = try OrderRequestValidator.validate(body(order(line: #"{"sku": "A", "quantity": 1, "unitPrice": "1.234"}"#, currency: "BHD")))
        #expect(request.lines.first?.unitPrice == Money(minorUnits: 1_234, currency: .BHD))
    }

    @Test func aNegativeUnitPriceIsRefused() throws {
        let pointers = try violationPointers(order(line: #"{"sku": "A", "quantity": 1, "unitPrice": "-0.01"}"#))
        #expect(pointers == ["/lines/0/unitPrice"])
    }

    @Test func aZeroUnitPriceIsAccepted() throws {
        let request = try OrderRequestValidator.validate(body(order(line: #"{"sku": "A", "quantity": 1, "unitPrice": "0"}"#)))
        #expect(request.lines.first?.unitPrice == Money.zero(euro))
    }

    @Test func aUnitPriceGivenAsAJSONNumberIsRefused() throws {
        let pointers = try violationPointers(order(line: #"{"sku": "A", "quantity": 1, "unitPrice": 1.5}"#))
        #expect(pointers == ["/lines/0/unitPrice"])
    }

    @Test func aMalformedUnitPriceIsRefused() throws {
        let pointers = try violationPointers(order(line: #"{"sku": "A", "quantity": 1, "unitPrice": "1,50"}"#))
        #expect(pointers == ["/lines/0/unitPrice"])
    }

    // MARK: - Currency, address, date

    @Test func anUnknownCurrencyIsRefused() throws {
        let pointers = try violationPointers(order(line: #"{"sku": "A", "quantity": 1}"#, currency: "QQQ"))
        #expect(pointers == ["/currency"])
    }

    @Test func aLowercaseCurrencyIsRefused() throws {
        let pointers = try violationPointers(order(line: #"{"sku": "A", "quantity": 1}"#, currency: "eur"))
        #expect(pointers == ["/currency"])
    }

    @Test func aLowercaseCountryIsRefused() throws {
        let pointers = try violationPointers(#"""
        {"channelOrderReference": "WS-1", "customer": "C-1", "currency": "EUR",
         "shipTo": {"lines": ["Hafenstraße 12"], "city": "Hamburg", "country": "de"},
         "lines": [{"sku": "A", "quantity": 1}]}
        """#)
        #expect(pointers == ["/shipTo/country"])
    }

    @Test func aThreeLetterCountryIsRefused() throws {
        let pointers = try violationPointers(#"""
        {"channelOrderReference": "WS-1", "customer": "C-1", "currency": "EUR",
         "shipTo": {"lines": ["Hafenstraße 12"], "city": "Hamburg", "country": "DEU"},
         "lines": [{"sku": "A", "quantity": 1}]}
        """#)
        #expect(pointers == ["/shipTo/country"])
    }

    @Test func aMissingShipToIsRefused() throws {
        let pointers = try violationPointers(#"""
        {"channelOrderReference": "WS-1", "customer": "C-1", "currency": "EUR", "lines": [{"sku": "A", "quantity": 1}]}
        """#)
        #expect(pointers == ["/shipTo"])
    }

    @Test func shipToStreetLinesMustBeOneToFour() throws {
        for streetLines in ["[]", #"["1", "2", "3", "4", "5"]"#, #""Hafenstraße 12""#] {
            let pointers = try violationPointers(#"""
            {"channelOrderReference": "WS-1", "customer": "C-1", "currency": "EUR",
             "shipTo": {"lines": \#(streetLines), "city": "Hamburg", "country": "DE"},
             "lines": [{"sku": "A", "quantity": 1}]}
            """#)
            #expect(pointers == ["/shipTo/lines"], "street lines \(streetLines)")
        }
    }

    @Test func aBlankStreetLineIsReportedAtItsIndex() throws {
        let pointers = try violationPointers(#"""
        {"channelOrderReference": "WS-1", "customer": "C-1", "currency": "EUR",
         "shipTo": {"lines": ["Hafenstraße 12", "   "], "city": "Hamburg", "country": "DE"},
         "lines": [{"sku": "A", "quantity": 1}]}
        """#)
        #expect(pointers == ["/shipTo/lines/1"])
    }

    @Test func textOfOnlySpacesTabsAndOtherSpaceSeparatorsIsBlank() throws {
        let pointers = try violationPointers(#"""
        {"channelOrderReference": " \t\u00a0\u3000", "customer": "C-1", "currency": "EUR",
         "shipTo": {"company": "\u2003", "lines": ["Hafenstraße 12"], "city": "Ham burg", "country": "DE"},
         "lines": [{"sku": "A", "quantity": 1}]}
        """#)
        #expect(pointers == ["/channelOrderReference", "/shipTo/company"])
        #expect(OrderRequestValidator.isBlank(""))
        #expect(!OrderRequestValidator.isBlank(" a "))
    }

    @Test func aControlCharacterInTextIsRefused() throws {
        let pointers = try violationPointers(#"""
        {"channelOrderReference": "WS-1\u0007", "customer": "C-1", "currency": "EUR",
         "shipTo": {"lines": ["Hafenstraße 12"], "city": "Hamburg", "country": "DE"},
         "lines": [{"sku": "A", "quantity": 1}]}
        """#)
        #expect(pointers == ["/channelOrderReference"])
    }

    @Test func anImpossibleCalendarDateIsRefused() throws {
        for date in ["2026-02-30", "2026-02-29", "2026-13-01", "2026-04-31", "2026-00-10", "2026-1-05", "03.12.2026", "2026-12-03T00:00:00Z"] {
            let pointers = try violationPointers(#"""
            {"channelOrderReference": "WS-1", "customer": "C-1", "currency": "EUR",
             "shipTo": {"lines": ["Hafenstraße 12"], "city": "Hamburg", "country": "DE"},
             "lines": [{"sku": "A", "quantity": 1}], "requestedDate": "\#(date)"}
            """#)
            #expect(pointers == ["/requestedDate"], "date \(date)")
        }
    }

    @Test func aLeapDayInALeapYearIsAccepted() throws {
        for date in ["2028-02-29", "2000-02-29"] {
            let request = try OrderRequestValidator.validate(body(#"""
            {"channelOrderReference": "WS-1", "customer": "C-1", "currency": "EUR",
             "shipTo": {"lines": ["Hafenstraße 12"], "city": "Hamburg", "country": "DE"},
             "lines": [{"sku": "A", "quantity": 1}], "requestedDate": "\#(date)"}
            """#))
            #expect(request.requestedDate == date)
        }
    }

    @Test func theTwentyNinthOfFebruaryInACenturyYearIsRefused() throws {
        let pointers = try violationPointers(#"""
        {"channelOrderReference": "WS-1", "customer": "C-1", "currency": "EUR",
         "shipTo": {"lines": ["Hafenstraße 12"], "city": "Hamburg", "country": "DE"},
         "lines": [{"sku": "A", "quantity": 1}], "requestedDate": "2100-02-29"}
        """#)
        #expect(pointers == ["/requestedDate"])
    }

    // MARK: - Unknown members

    @Test func anUnknownTopLevelMemberIsRefused() throws {
        let pointers = try violationPointers(#"""
        {"channelOrderReference": "WS-1", "customer": "C-1", "currency": "EUR",
         "shipTo": {"lines": ["Hafenstraße 12"], "city": "Hamburg", "country": "DE"},
         "lines": [{"sku": "A", "quantity": 1}], "colour": "red"}
        """#)
        #expect(pointers == ["/colour"])
    }

    @Test func anUnknownAddressMemberIsRefused() throws {
        let pointers = try violationPointers(#"""
        {"channelOrderReference": "WS-1", "customer": "C-1", "currency": "EUR",
         "shipTo": {"lines": ["Hafenstraße 12"], "city": "Hamburg", "country": "DE", "zip": "20457"},
         "lines": [{"sku": "A", "quantity": 1}]}
        """#)
        #expect(pointers == ["/shipTo/zip"])
    }

    @Test func unknownMemberNamesAreEscapedAsJSONPointerTokens() throws {
        let pointers = try violationPointers(#"""
        {"channelOrderReference": "WS-1", "customer": "C-1", "currency": "EUR",
         "shipTo": {"lines": ["Hafenstraße 12"], "city": "Hamburg", "country": "DE"},
         "lines": [{"sku": "A", "quantity": 1}], "a/b": 1, "m~n": 2}
        """#)
        #expect(Set(pointers) == ["/a~1b", "/m~0n"])
    }

    // MARK: - Identifiers

    @Test func aChannelThatIsNotAnIdentifierIsRefused() throws {
        let pointers = try violationPointers(#"""
        {"channel": "web shop", "channelOrderReference": "WS-1", "customer": "C-1", "currency": "EUR",
         "shipTo": {"lines": ["Hafenstraße 12"], "city": "Hamburg", "country": "DE"},
         "lines": [{"sku": "A", "quantity": 1}]}
        """#)
        #expect(pointers == ["/channel"])
    }

    @Test func anEmptyCustomerIsRefused() throws {
        let pointers = try violationPointers(#"""
        {"channelOrderReference": "WS-1", "customer": "", "currency": "EUR",
         "shipTo": {"lines": ["Hafenstraße 12"], "city": "Hamburg", "country": "DE"},
         "lines": [{"sku": "A", "quantity": 1}]}
        """#)
        #expect(pointers == ["/customer"])
    }

    @Test func aChannelOrderReferenceLongerThanOneHundredCharactersIsRefused() throws {
        let reference = String(repeating: "R", count: 101)
        let pointers = try violationPointers(#"""
        {"channelOrderReference": "\#(reference)", "customer": "C-1", "currency": "EUR",
         "shipTo": {"lines": ["Hafenstraße 12"], "city": "Hamburg", "country": "DE"},
         "lines": [{"sku": "A", "quantity": 1}]}
        """#)
        #expect(pointers == ["/channelOrderReference"])
    }
}
