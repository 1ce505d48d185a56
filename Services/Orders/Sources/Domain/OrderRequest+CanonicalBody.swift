import Contracts
import Foundation

extension OrderRequest {
    /// The order as a `POST /v1/orders` body — members absent rather than null, unit prices as decimal strings — so
    /// what a channel adapter mapped can be checked by ``OrderRequestValidator`` exactly as a channel's own body is.
    public var canonicalBody: JSONValue {
        var members: [String: JSONValue] = [
            "channelOrderReference": .string(channelOrderReference),
            "customer": .string(customer),
            "currency": .string(currency.code),
            "shipTo": Self.body(of: shipTo),
            "lines": .array(lines.map { line in
                var members: [String: JSONValue] = ["sku": .string(line.sku), "quantity": .number(Decimal(line.quantity))]
                if let price = line.unitPrice { members["unitPrice"] = .string(price.amountString) }
                return .object(members)
            }),
        ]
        if let channel { members["channel"] = .string(channel) }
        if let requestedDate { members["requestedDate"] = .string(requestedDate) }
        if let purchaseOrderNumber { members["purchaseOrderNumber"] = .string(purchaseOrderNumber) }
        return .object(members)
    }

    private static func body(of address: PostalAddress) -> JSONValue {
        var members: [String: JSONValue] = [
            "lines": .array(address.lines.map { .string($0) }), "city": .string(address.city), "country": .string(address.country),
        ]
        if let name = address.name { members["name"] = .string(name) }
        if let company = address.company { members["company"] = .string(company) }
        if let region = address.region { members["region"] = .string(region) }
        if let postalCode = address.postalCode { members["postalCode"] = .string(postalCode) }
        return .object(members)
    }
}
