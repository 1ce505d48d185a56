import Contracts
import Foundation

/// Checks a `POST /v1/orders` body field by field and reports every problem at once (a decoder stops at the first),
/// each with the JSON pointer of the field, so a channel fixes its mapping in one round.
///
/// The canonical order:
/// ```json
/// {"channelOrderReference": "WS-100234", "customer": "C-10042", "currency": "EUR",
///  "shipTo": {"company": "Nordlicht Handel GmbH", "lines": ["Hafenstraße 12"], "city": "Hamburg",
///             "postalCode": "20457", "country": "DE"},
///  "lines": [{"sku": "BOLT-M8-50", "quantity": 200, "unitPrice": "0.12"}],
///  "requestedDate": "2026-12-03", "purchaseOrderNumber": "PO-77812"}
/// ```
/// Unknown members are refused: a misspelt optional field would otherwise vanish silently.
public enum OrderRequestValidator {
    /// The most lines one order may have.
    public static let maximumLines = 1_000
    /// The most units one line may ask for (inventory's bound).
    public static let maximumQuantity = 1_000_000_000

    static let topLevelMembers: Set<String> = ["channel", "channelOrderReference", "customer", "currency", "shipTo", "lines", "requestedDate", "purchaseOrderNumber"]
    static let lineMembers: Set<String> = ["sku", "quantity", "unitPrice"]
    static let addressMembers: Set<String> = ["name", "company", "lines", "city", "region", "postalCode", "country"]

    public static func validate(_ body: JSONValue) throws(InvalidOrderRequest) -> OrderRequest {
        var violations: [OrderRequestViolation] = []
        guard let members = body.objectValue else {
            throw InvalidOrderRequest(violations: [OrderRequestViolation(pointer: "", detail: "the body must be a JSON object, not \(body.typeName)")])
        }
        unknownMembers(of: members, allowed: topLevelMembers, at: "", into: &violations)

        let channel = optionalIdentifier(members["channel"], at: "/channel", into: &violations)
        let reference = requiredText(members["channelOrderReference"], at: "/channelOrderReference", maximumLength: 100, into: &violations)
        let customer = requiredIdentifier(members["customer"], at: "/customer", into: &violations)
        var currency: Currency?
        if let code = requiredText(members["currency"], at: "/currency", maximumLength: 20, into: &violations) {
            do {
                currency = try Currency(code: code)
            } catch {
                violations.append(.init(pointer: "/currency", detail: "\"\(code)\" is not an ISO 4217 currency code such as EUR"))
            }
        }
        let shipTo = address(members["shipTo"], at: "/shipTo", into: &violations)
        let lines = orderLines(members["lines"], currency: currency, into: &violations)
        var requestedDate: String?
        if let value = members["requestedDate"], value != .null {
            if let text = value.stringValue, isCalendarDate(text) {
                requestedDate = text
            } else {
                violations.append(.init(pointer: "/requestedDate", detail: "must be a date YYYY-MM-DD, e.g. 2026-12-03"))
            }
        }
        let purchaseOrderNumber = optionalText(members["purchaseOrderNumber"], at: "/purchaseOrderNumber", maximumLength: 100, into: &violations)
        guard violations.isEmpty, let reference, let customer, let currency, let shipTo, let lines else {
            throw InvalidOrderRequest(violations: violations)
        }
        return OrderRequest(
            channel: channel, channelOrderReference: reference, customer: customer, currency: currency, shipTo: shipTo,
            lines: lines, requestedDate: requestedDate, purchaseOrderNumber: purchaseOrderNumber
        )
    }

    // MARK: Parts

    private static func orderLines(_ value: JSONValue?, currency: Currency?, into violations: inout [OrderRequestViolation]) -> [OrderRequest.Line]? {
        guard let value, value != .null else {
            violations.append(.init(pointer: "/lines", detail: "is required: at least one line"))
            return nil
        }
        guard let elements = value.arrayValue else {
            violations.append(.init(pointer: "/lines", detail: "must be an array of lines, not \(value.typeName)"))
            return nil
        }
        guard (1...maximumLines).contains(elements.count) else {
            violations.append(.init(pointer: "/lines", detail: elements.isEmpty ? "needs at least one line" : "has \(elements.count) lines; at most \(maximumLines)"))
            return nil
        }
        var lines: [OrderRequest.Line] = []
        let before = violations.count
        for (index, element) in elements.enumerated() {
            let pointer = "/lines/\(index)"
            guard let members = element.objectValue else {
                violations.append(.init(pointer: pointer, detail: "must be an object with sku and quantity, not \(element.typeName)"))
                continue
            }
            unknownMembers(of: members, allowed: lineMembers, at: pointer, into: &violations)
            let sku = requiredIdentifier(members["sku"], at: pointer + "/sku", into: &violations)
            var quantity: Int?
            if let number = members["quantity"]?.numberValue {
                if let whole = members["quantity"]?.wholeNumberValue, (1...maximumQuantity).contains(whole) {
                    quantity = whole
                } else {
                    violations.append(.init(pointer: pointer + "/quantity", detail: "must be a whole number from 1 to \(maximumQuantity); \(number) is not"))
                }
            } else {
                violations.append(.init(pointer: pointer + "/quantity", detail: members["quantity"] == nil ? "is required" : "must be a whole number, not \(members["quantity"]?.typeName ?? "")"))
            }
            var unitPrice: Money?
            if let price = members["unitPrice"], price != .null {
                if let text = price.stringValue {
                    if let currency {
                        do {
                            let money = try Money.parse(text, currency: currency)
                            if money.isNegative {
                                violations.append(.init(pointer: pointer + "/unitPrice", detail: "must not be negative"))
                            } else {
                                unitPrice = money
                            }
                        } catch {
                            violations.append(.init(pointer: pointer + "/unitPrice", detail: "\"\(text)\" is not an amount in \(currency.code) with at most \(currency.minorUnits) decimals"))
                        }
                    }
                } else {
                    violations.append(.init(pointer: pointer + "/unitPrice", detail: "must be a decimal string such as \"12.34\" (numbers lose precision), not \(price.typeName)"))
                }
            }
            if let sku, let quantity {
                lines.append(OrderRequest.Line(sku: sku, quantity: quantity, unitPrice: unitPrice))
            }
        }
        return violations.count == before ? lines : nil
    }

    private static func address(_ value: JSONValue?, at pointer: String, into violations: inout [OrderRequestViolation]) -> PostalAddress? {
        guard let value, value != .null else {
            violations.append(.init(pointer: pointer, detail: "is required: the delivery address"))
            return nil
        }
        guard let members = value.objectValue else {
            violations.append(.init(pointer: pointer, detail: "must be an address object, not \(value.typeName)"))
            return nil
        }
        let before = violations.count
        unknownMembers(of: members, allowed: addressMembers, at: pointer, into: &violations)
        let name = optionalText(members["name"], at: pointer + "/name", maximumLength: 200, into: &violations)
        let company = optionalText(members["company"], at: pointer + "/company", maximumLength: 200, into: &violations)
        var lines: [String] = []
        if let array = members["lines"]?.arrayValue, (1...4).contains(array.count) {
            for (index, line) in array.enumerated() {
                if let text = requiredText(line, at: pointer + "/lines/\(index)", maximumLength: 200, into: &violations) { lines.append(text) }
            }
        } else {
            violations.append(.init(pointer: pointer + "/lines", detail: "must be an array of 1 to 4 street lines"))
        }
        let city = requiredText(members["city"], at: pointer + "/city", maximumLength: 100, into: &violations)
        let region = optionalText(members["region"], at: pointer + "/region", maximumLength: 100, into: &violations)
        let postalCode = optionalText(members["postalCode"], at: pointer + "/postalCode", maximumLength: 20, into: &violations)
        let country = requiredText(members["country"], at: pointer + "/country", maximumLength: 20, into: &violations)
        if let country, !(country.utf8.count == 2 && country.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) })) {
            violations.append(.init(pointer: pointer + "/country", detail: "\"\(country)\" is not an ISO 3166-1 alpha-2 code such as DE"))
        }
        guard violations.count == before, let city, let country else { return nil }
        return PostalAddress(name: name, company: company, lines: lines, city: city, region: region, postalCode: postalCode, country: country)
    }

    // MARK: Fields

    private static func unknownMembers(of members: [String: JSONValue], allowed: Set<String>, at pointer: @autoclosure () -> String, into violations: inout [OrderRequestViolation]) {
        for name in members.keys.filter({ !allowed.contains($0) }).sorted() {
            violations.append(.init(pointer: pointer() + "/" + JSONPointer.escape(name), detail: "is not a field of this object; expected one of \(allowed.sorted().joined(separator: ", "))"))
        }
    }

    private static func requiredText(_ value: JSONValue?, at pointer: @autoclosure () -> String, maximumLength: Int, into violations: inout [OrderRequestViolation]) -> String? {
        guard let value, value != .null else {
            violations.append(.init(pointer: pointer(), detail: "is required"))
            return nil
        }
        return optionalText(value, at: pointer(), maximumLength: maximumLength, into: &violations)
    }

    private static func optionalText(_ value: JSONValue?, at pointer: @autoclosure () -> String, maximumLength: Int, into violations: inout [OrderRequestViolation]) -> String? {
        guard let value, value != .null else { return nil }
        guard let text = value.stringValue else {
            violations.append(.init(pointer: pointer(), detail: "must be a string, not \(value.typeName)"))
            return nil
        }
        guard !isBlank(text), text.count <= maximumLength else {
            violations.append(.init(pointer: pointer(), detail: "must have 1 to \(maximumLength) characters"))
            return nil
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            violations.append(.init(pointer: pointer(), detail: "must not contain control characters"))
            return nil
        }
        return text
    }

    private static func requiredIdentifier(_ value: JSONValue?, at pointer: @autoclosure () -> String, into violations: inout [OrderRequestViolation]) -> String? {
        guard let value, value != .null else {
            violations.append(.init(pointer: pointer(), detail: "is required"))
            return nil
        }
        return optionalIdentifier(value, at: pointer(), into: &violations)
    }

    /// SKUs, customers and channels: 1–64 letters, digits and `- _ . :` (they become keys in every service).
    private static func optionalIdentifier(_ value: JSONValue?, at pointer: @autoclosure () -> String, into violations: inout [OrderRequestViolation]) -> String? {
        guard let value, value != .null else { return nil }
        guard let text = value.stringValue else {
            violations.append(.init(pointer: pointer(), detail: "must be a string, not \(value.typeName)"))
            return nil
        }
        guard isIdentifier(text) else {
            violations.append(.init(pointer: pointer(), detail: "\"\(text)\" must have 1 to 64 letters, digits and - _ . :"))
            return nil
        }
        return text
    }

    /// Empty, or only spaces and tabs (`CharacterSet.whitespaces`: general category Zs and U+0009), checked per scalar
    /// rather than by Foundation's trimming, which measured a noticeable share of intake's CPU.
    public static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// A channel, SKU or warehouse name (``BusinessIdentifier``).
    static func isIdentifier(_ text: String) -> Bool { BusinessIdentifier.isValid(text) }

    /// A real calendar date `YYYY-MM-DD` (not 2026-02-30).
    static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }
}
