import Contracts
import Foundation
import X12

/// Maps a partner's 850 purchase order to Wholesail's canonical order with the partner's configuration — the only
/// place EDI purchase orders become orders, tested on its own against fixtures.
///
/// - Reference: BEG03 (the PO number), unique per channel.
/// - Customer: the buyer (`BY`) or ship-to (`ST`) party's `N103:N104` in `customers`, else `defaultCustomer`.
/// - Currency: `CUR02` when present, else `defaultCurrency`.
/// - Ship-to: the `ST` party's name, N3 lines and N4 city/state/postal code/country (country `US` when N404 is empty).
/// - Lines: SKU from `items["<qualifier>:<id>"]` for the first product id that has an entry, else the first id whose
///   qualifier is in `skuQualifiers`; quantity × `unitsOfMeasure[PO103]` whole units; PO104 as the channel unit price
///   (per partner unit: divided by the units per UOM, which must come out exact in the currency's minor units).
/// - Requested date: DTM*002, CCYYMMDD → YYYY-MM-DD.
enum X12PurchaseOrderMapper {
    struct Mapped: Sendable {
        var request: OrderRequest
        var record: EDIPurchaseOrderRecord
    }

    /// One reason the purchase order cannot become an order, at the segment that causes it.
    struct Problem: Sendable, Hashable {
        var segmentID: String
        var position: Int?
        var elementPosition: Int?
        var detail: String

        /// As a 997 reports it: the segment is in error (AK304 8 "segment has data element errors" when an element
        /// is named, else the set is rejected with AK502 5).
        var syntaxError: X12SyntaxError {
            if let elementPosition {
                return X12SyntaxError(code: .element(.invalidCodeValue), segmentID: segmentID, position: position, elementPosition: elementPosition, message: detail)
            }
            return X12SyntaxError(code: .transactionSet(.segmentsInError), segmentID: segmentID, position: position, message: detail)
        }
    }

    struct Failure: Error, Sendable, CustomStringConvertible {
        var problems: [Problem]
        var description: String { problems.map { "\($0.segmentID): \($0.detail)" }.joined(separator: "; ") }
    }

    /// - Parameter segments: the transaction set the order was read from, so problems name segment positions.
    static func map(_ order: PurchaseOrder850, segments: [X12Segment] = [], partner: EDIPartnerConfiguration) throws(Failure) -> Mapped {
        var problems: [Problem] = []
        let begPosition = segments.first { $0.id == "BEG" }?.position
        let lineSegments = segments.filter { $0.id == "PO1" }.map(\.position)
        func partyPosition(_ code: String) -> Int? { segments.first { $0.id == "N1" && $0[1] == code }?.position }
        let reference = order.purchaseOrderNumber
        if reference.isEmpty || reference.count > 100 {
            problems.append(Problem(segmentID: "BEG", position: begPosition, elementPosition: 3, detail: "the PO number (BEG03) must have 1 to 100 characters"))
        }
        let buyer = order.parties.first { $0.code == "BY" }
        let shipToParty = order.parties.first { $0.code == "ST" }
        let customer = [buyer, shipToParty].compactMap { party -> String? in
            guard let party, let qualifier = party.identificationQualifier, let id = party.identification else { return nil }
            return partner.customers["\(qualifier):\(id)"]
        }.first ?? partner.defaultCustomer
        if customer == nil {
            problems.append(Problem(segmentID: "N1", position: partyPosition(buyer == nil ? "ST" : "BY"), elementPosition: nil,
                                    detail: "no customer is configured for the buyer or ship-to party (N103:N104) and the partner has no default customer"))
        }
        let currencyCode = order.currency ?? partner.defaultCurrency
        let currency = try? Currency(code: currencyCode)
        if currency == nil {
            problems.append(Problem(segmentID: "CUR", position: nil, elementPosition: 2, detail: "\"\(currencyCode)\" is not an ISO 4217 currency"))
        }
        var shipTo: PostalAddress?
        if let party = shipToParty {
            let street = party.streetLines.filter { !$0.isEmpty }
            if street.isEmpty || (party.city ?? "").isEmpty {
                problems.append(Problem(segmentID: "N1", position: partyPosition("ST"), elementPosition: nil, detail: "the ship-to party needs an N3 street and an N4 city"))
            } else {
                let country: String = party.country.flatMap { $0.isEmpty ? nil : $0 } ?? "US"
                let city: String = party.city ?? ""
                shipTo = PostalAddress(name: nil, company: party.name, lines: street, city: city, region: party.state,
                                       postalCode: party.postalCode, country: country)
            }
        } else {
            problems.append(Problem(segmentID: "N1", position: nil, elementPosition: nil, detail: "the purchase order has no ship-to party (N1*ST)"))
        }
        var lines: [OrderRequest.Line] = []
        var recordLines: [EDIPurchaseOrderRecord.Line] = []
        for (index, line) in order.lines.enumerated() {
            let position = index < lineSegments.count ? lineSegments[index] : nil
            let sku = line.productIdentifiers.lazy.compactMap { partner.items["\($0.qualifier):\($0.value)"] }.first
                ?? partner.skuQualifiers.lazy.compactMap { qualifier in line.productIdentifiers.first { $0.qualifier == qualifier }?.value }.first
            guard let sku else {
                let ids = line.productIdentifiers.map { "\($0.qualifier) \($0.value)" }.joined(separator: ", ")
                problems.append(Problem(segmentID: "PO1", position: position, elementPosition: 7,
                                        detail: "line \(line.lineID): no SKU for product ids [\(ids)]; add one to the partner's items"))
                continue
            }
            guard let perUnit = partner.unitsOfMeasure[line.unit] else {
                problems.append(Problem(segmentID: "PO1", position: position, elementPosition: 3,
                                        detail: "line \(line.lineID): unit of measure \(line.unit) is not configured for the partner"))
                continue
            }
            let units = line.quantity * Decimal(perUnit)
            guard let quantity = Self.wholeNumber(units), quantity > 0, quantity <= OrderRequestValidator.maximumQuantity else {
                problems.append(Problem(segmentID: "PO1", position: position, elementPosition: 2,
                                        detail: "line \(line.lineID): quantity \(line.quantity) \(line.unit) is not a positive whole number of units"))
                continue
            }
            var unitPrice: Money?
            if let price = line.unitPrice, let currency {
                let perUnitPrice = price / Decimal(perUnit)
                do {
                    unitPrice = try Money(exactly: perUnitPrice, currency: currency)
                } catch {
                    problems.append(Problem(segmentID: "PO1", position: position, elementPosition: 4,
                                            detail: "line \(line.lineID): unit price \(price) per \(line.unit) is not exact in \(currency.code)"))
                    continue
                }
            }
            lines.append(OrderRequest.Line(sku: sku, quantity: quantity, unitPrice: unitPrice))
            recordLines.append(EDIPurchaseOrderRecord.Line(
                lineNumber: index + 1, lineID: line.lineID, quantity: line.quantity, unit: line.unit, unitsPerUOM: perUnit,
                unitPrice: line.unitPrice, productIDs: line.productIdentifiers.map { .init(qualifier: $0.qualifier, id: $0.value) }, sku: sku
            ))
        }
        if order.lines.isEmpty {
            problems.append(Problem(segmentID: "PO1", position: nil, elementPosition: nil, detail: "the purchase order has no PO1 lines"))
        }
        guard problems.isEmpty, let customer, let currency, let shipTo else { throw Failure(problems: problems) }
        let request = OrderRequest(
            channel: partner.channelName, channelOrderReference: reference, customer: customer, currency: currency, shipTo: shipTo,
            lines: lines, requestedDate: order.requestedDeliveryDate.flatMap(Self.calendarDate), purchaseOrderNumber: reference
        )
        // The same limits as a channel's own body (lengths, line count, quantities).
        do {
            _ = try OrderRequestValidator.validate(request.canonicalBody)
        } catch {
            throw Failure(problems: error.violations.map { violation in
                let lineIndex = violation.pointer.hasPrefix("/lines/") ? Int(violation.pointer.split(separator: "/")[1]) : nil
                let position = lineIndex.flatMap { $0 < lineSegments.count ? lineSegments[$0] : nil }
                return Problem(segmentID: lineIndex == nil ? "BEG" : "PO1", position: lineIndex == nil ? begPosition : position, elementPosition: nil,
                               detail: "\(violation.pointer): \(violation.detail)")
            })
        }
        let record = EDIPurchaseOrderRecord(purchaseOrderNumber: reference, purchaseOrderDate: order.date,
                                            currency: currency.code, lines: recordLines)
        return Mapped(request: request, record: record)
    }

    static func wholeNumber(_ value: Decimal) -> Int? {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        guard rounded == value, let number = Int(exactly: NSDecimalNumber(decimal: rounded).int64Value), Decimal(number) == value else { return nil }
        return number
    }

    /// CCYYMMDD → YYYY-MM-DD.
    static func calendarDate(_ text: String) -> String? {
        guard text.count == 8, text.allSatisfy(\.isNumber) else { return nil }
        let characters = Array(text)
        return "\(String(characters[0..<4]))-\(String(characters[4..<6]))-\(String(characters[6..<8]))"
    }
}
