import Contracts
import Foundation
import ServiceKit

/// The body of `PUT /v1/channel-feeds/{channel}`:
/// `{"format": "shopify", "url": "https://…", "secret": "…", "feeds": ["inventory", "fulfillment"],
///   "inventoryItems": {"<SKU>": 808950810}, "locations": {"<warehouse>": 905684977}}`.
///
/// Read from the parsed ``JSONValue`` rather than `Decodable`, so that every invalid field — a wrong type included
/// — is reported at once by its JSON pointer, and ids are taken from the number's digits (a 19-digit Shopify id
/// stays exact; it never passes through `Double`).
struct ChannelFeedRequest: Sendable {
    /// A request that passed validation.
    struct Valid: Sendable, Hashable {
        var format: ChannelFeedFormat
        var url: String
        var secret: String
        var feeds: [ChannelFeedKind]
        var inventoryItems: [String: Int64]
        var locations: [String: Int64]
    }

    static let members: Set<String> = ["format", "url", "secret", "feeds", "inventoryItems", "locations"]
    /// The most SKUs (and warehouses) one feed maps.
    static let maximumMappings = 50_000

    /// The request if every field is valid; otherwise a 422 problem listing each invalid field by JSON pointer.
    ///
    /// `inventoryItems` and `locations` are required (with at least one entry each) when `feeds` has `inventory`:
    /// without them no level could ever be sent. Otherwise they may be left out.
    static func validated(_ body: JSONValue) throws(ProblemDetails) -> Valid {
        guard let object = body.objectValue else {
            throw .validationFailed([.init(pointer: "", detail: "must be a JSON object, not \(body.typeName)")])
        }
        var errors: [ProblemDetails.FieldError] = []
        for name in object.keys.sorted() where !members.contains(name) {
            errors.append(.init(pointer: "/\(JSONPointer.escape(name))", detail: "is not a member of a channel feed; use \(members.sorted().joined(separator: ", "))"))
        }

        var format: ChannelFeedFormat?
        switch object["format"] {
        case nil, .null?:
            errors.append(.init(pointer: "/format", detail: "is required: one of \(ChannelFeedFormat.allCases.map(\.rawValue).joined(separator: ", "))"))
        case .string(let text)?:
            format = ChannelFeedFormat(rawValue: text)
            if format == nil {
                errors.append(.init(pointer: "/format", detail: "\"\(text)\" is not a feed format; use one of \(ChannelFeedFormat.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        case let other?:
            errors.append(.init(pointer: "/format", detail: "must be a string, not \(other.typeName)"))
        }

        var url: String?
        switch object["url"] {
        case nil, .null?:
            errors.append(.init(pointer: "/url", detail: "is required: the absolute http or https URL the feed is POSTed to"))
        case .string(let text)?:
            if let reason = WebhookSubscriptionRequest.urlProblem(text) { errors.append(.init(pointer: "/url", detail: reason)) } else { url = text }
        case let other?:
            errors.append(.init(pointer: "/url", detail: "must be a string, not \(other.typeName)"))
        }

        var secret: String?
        let lengths = WebhookSubscriptionRequest.secretLength
        switch object["secret"] {
        case nil, .null?:
            errors.append(.init(pointer: "/secret", detail: "is required: the shared secret that signs every request (\(lengths.lowerBound) to \(lengths.upperBound) characters)"))
        case .string(let text)?:
            if lengths.contains(text.count) { secret = text } else {
                errors.append(.init(pointer: "/secret", detail: "must be \(lengths.lowerBound) to \(lengths.upperBound) characters, found \(text.count)"))
            }
        case let other?:
            errors.append(.init(pointer: "/secret", detail: "must be a string, not \(other.typeName)"))
        }

        var feeds: [ChannelFeedKind]?
        let kinds = ChannelFeedKind.allCases.map(\.rawValue).joined(separator: ", ")
        switch object["feeds"] {
        case nil, .null?:
            errors.append(.init(pointer: "/feeds", detail: "is required: the feeds to send, some of \(kinds)"))
        case .array(let elements)?:
            var chosen: [ChannelFeedKind] = []
            var valid = true
            if elements.isEmpty {
                errors.append(.init(pointer: "/feeds", detail: "must name at least one feed: \(kinds)"))
                valid = false
            }
            for (index, element) in elements.enumerated() {
                guard let text = element.stringValue, let kind = ChannelFeedKind(rawValue: text) else {
                    errors.append(.init(pointer: "/feeds/\(index)", detail: "\(element.stringValue.map { "\"\($0)\"" } ?? element.typeName) is not a feed; use \(kinds)"))
                    valid = false
                    continue
                }
                if chosen.contains(kind) {
                    errors.append(.init(pointer: "/feeds/\(index)", detail: "\"\(text)\" is listed twice"))
                    valid = false
                } else {
                    chosen.append(kind)
                }
            }
            if valid { feeds = chosen }
        case let other?:
            errors.append(.init(pointer: "/feeds", detail: "must be an array of feeds (\(kinds)), not \(other.typeName)"))
        }

        let wantsInventory = feeds?.contains(.inventory) ?? false
        let inventoryItems = mapping(object["inventoryItems"], at: "/inventoryItems", keyName: "SKU", idName: "inventory item id",
                                     required: wantsInventory, into: &errors)
        let locations = mapping(object["locations"], at: "/locations", keyName: "warehouse", idName: "location id",
                                required: wantsInventory, into: &errors)

        guard errors.isEmpty, let format, let url, let secret, let feeds, let inventoryItems, let locations else {
            throw .validationFailed(errors)
        }
        return Valid(format: format, url: url, secret: secret, feeds: feeds, inventoryItems: inventoryItems, locations: locations)
    }

    /// An object of identifier → positive `Int64` id; nil (with errors noted) when invalid. Absent is an empty map
    /// unless `required`.
    private static func mapping(
        _ value: JSONValue?, at pointer: String, keyName: String, idName: String, required: Bool, into errors: inout [ProblemDetails.FieldError]
    ) -> [String: Int64]? {
        guard let value, value != .null else {
            if required {
                errors.append(.init(pointer: pointer, detail: "is required for the inventory feed: an object of \(keyName) → the channel's \(idName)"))
                return nil
            }
            return [:]
        }
        guard let members = value.objectValue else {
            errors.append(.init(pointer: pointer, detail: "must be an object of \(keyName) → the channel's \(idName), not \(value.typeName)"))
            return nil
        }
        var valid = true
        if required && members.isEmpty {
            errors.append(.init(pointer: pointer, detail: "must map at least one \(keyName) for the inventory feed"))
            valid = false
        }
        if members.count > maximumMappings {
            errors.append(.init(pointer: pointer, detail: "maps \(members.count) entries; at most \(maximumMappings)"))
            valid = false
        }
        var result: [String: Int64] = [:]
        for key in members.keys.sorted() {
            let memberPointer = "\(pointer)/\(JSONPointer.escape(key))"
            if !isIdentifier(key) {
                errors.append(.init(pointer: memberPointer, detail: "\"\(key)\" is not a \(keyName): 1 to 64 letters, digits and - _ . :"))
                valid = false
            }
            guard let member = members[key], let id = positiveInt64(member) else {
                errors.append(.init(pointer: memberPointer, detail: "must be the channel's \(idName): a whole number from 1 to \(Int64.max)"))
                valid = false
                continue
            }
            result[key] = id
        }
        return valid ? result : nil
    }

    /// The number as an `Int64`, exactly, when it is a whole number from 1 to `Int64.max`; read from its decimal
    /// digits (the parser keeps them exactly), never through a binary floating-point value.
    static func positiveInt64(_ value: JSONValue) -> Int64? {
        guard case .number(let number) = value, number.isFinite, number > 0 else { return nil }
        var exact = number
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 0, .plain)
        guard rounded == number else { return nil }
        let digits = rounded.description
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return Int64(digits)
    }

    /// A channel, SKU or warehouse name (``BusinessIdentifier``).
    static func isIdentifier(_ text: String) -> Bool { BusinessIdentifier.isValid(text) }
}
