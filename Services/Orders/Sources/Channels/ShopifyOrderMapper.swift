import Contracts
import Foundation
import ShopifyChannel

/// Maps a Shopify order to the canonical order under one shop's configuration — the whole Shopify → Wholesail
/// mapping in one place, as data (``ShopifyShopConfiguration``) plus these rules:
///
/// - reference: the Shopify order id as decimal text; channel: the shop's channel.
/// - customer: the ERP customer of the company location, else of the company, else the shop's default customer.
/// - currency: the shop's or the presentment currency (``ShopifyShopConfiguration/currencySource``); unit prices from
///   the matching side of `price_set` (`price` when an old payload has no `price_set` and the currencies agree), as
///   exact minor units — an amount whose value needs more decimals than the currency has is refused, trailing zeros
///   (`"1000.00"` JPY) are not a problem.
/// - quantity: `current_quantity` (after edits and refunds), else `quantity`; lines with no units left are dropped.
/// - SKU: the variant's mapped SKU, else the line's `sku`, else (custom lines only) the shop's custom-item SKU.
/// - ship to: the shipping address, else the billing address.
///
/// Every problem is collected (not just the first) so one fix of the configuration is enough; the result is then
/// checked by ``OrderRequestValidator`` exactly as an order posted by a channel would be.
public enum ShopifyOrderMapper {
    public static func map(_ order: ShopifyOrder, shop: ShopifyShopConfiguration) throws(ShopifyMappingError) -> ShopifyMappedOrder {
        var violations: [OrderRequestViolation] = []
        let customer = customer(of: order, shop: shop, into: &violations)
        let currency = shop.currencySource == .presentment ? order.presentmentCurrency : order.currency
        let (lines, lineIndices) = lines(of: order, currency: currency, shop: shop, into: &violations)
        let shipTo = shipTo(of: order, into: &violations)
        guard violations.isEmpty, let customer, let shipTo else { throw ShopifyMappingError(violations: violations) }

        let request = OrderRequest(
            channel: shop.channelName, channelOrderReference: String(order.id), customer: customer, currency: currency,
            shipTo: shipTo, lines: lines,
            purchaseOrderNumber: order.poNumber.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        )
        do {
            _ = try OrderRequestValidator.validate(request.canonicalBody)
        } catch {
            throw ShopifyMappingError(violations: error.violations.map { translate($0, lineIndices: lineIndices, order: order) })
        }
        return ShopifyMappedOrder(request: request, shopifyName: order.name)
    }

    // MARK: Parts

    private static func customer(of order: ShopifyOrder, shop: ShopifyShopConfiguration, into violations: inout [OrderRequestViolation]) -> String? {
        if let company = order.company {
            if let location = company.locationID, let customer = shop.companyCustomers[String(location)] { return customer }
            if let customer = shop.companyCustomers[String(company.id)] { return customer }
        }
        if let customer = shop.defaultCustomer { return customer }
        if let company = order.company {
            let location = company.locationID.map { " or its location \($0)" } ?? ""
            violations.append(.init(
                pointer: "/company",
                detail: "company \(company.id)\(location) has no ERP customer in the configuration of \(shop.shopDomain) (companyCustomers), and the shop has no defaultCustomer"
            ))
        } else {
            violations.append(.init(
                pointer: "",
                detail: "the order has no company and the configuration of \(shop.shopDomain) has no defaultCustomer to bill it to"
            ))
        }
        return nil
    }

    /// The canonical lines and, for each, the index of the Shopify line it came from.
    private static func lines(
        of order: ShopifyOrder, currency: Currency, shop: ShopifyShopConfiguration, into violations: inout [OrderRequestViolation]
    ) -> ([OrderRequest.Line], [Int]) {
        var lines: [OrderRequest.Line] = []
        var indices: [Int] = []
        for (index, item) in order.lineItems.enumerated() {
            let pointer = "/line_items/\(index)"
            let quantity = item.effectiveQuantity
            guard quantity > 0 else { continue }
            guard quantity <= OrderRequestValidator.maximumQuantity else {
                violations.append(.init(pointer: pointer + (item.currentQuantity == nil ? "/quantity" : "/current_quantity"),
                                        detail: "\(quantity) units exceed the \(OrderRequestValidator.maximumQuantity) one line may have"))
                continue
            }
            let sku = sku(of: item, at: pointer, shop: shop, into: &violations)
            let price = unitPrice(of: item, at: pointer, order: order, currency: currency, source: shop.currencySource, into: &violations)
            if let sku, let price {
                lines.append(OrderRequest.Line(sku: sku, quantity: quantity, unitPrice: price))
                indices.append(index)
            }
        }
        if !order.lineItems.isEmpty, order.lineItems.allSatisfy({ $0.effectiveQuantity == 0 }) {
            violations.append(.init(pointer: "/line_items", detail: "no line has units left (every current_quantity is 0): nothing to deliver"))
        } else if order.lineItems.isEmpty {
            violations.append(.init(pointer: "/line_items", detail: "the order has no lines"))
        }
        return (lines, indices)
    }

    private static func sku(
        of item: ShopifyLineItem, at pointer: String, shop: ShopifyShopConfiguration, into violations: inout [OrderRequestViolation]
    ) -> String? {
        let mapped = item.variantID.flatMap { shop.variantSKUs[String($0)] }
        guard let sku = mapped ?? item.sku ?? (item.isCustomItem ? shop.customItemSKU : nil) else {
            let what = item.isCustomItem
                ? "is a custom item without a SKU and the configuration of \(shop.shopDomain) has no customItemSKU"
                : "has no SKU: map variant \(item.variantID.map(String.init) ?? "(none)") in the variantSKUs of \(shop.shopDomain)"
            violations.append(.init(pointer: pointer, detail: "line \"\(item.title)\" \(what)"))
            return nil
        }
        guard OrderRequestValidator.isIdentifier(sku) else {
            let source = mapped != nil ? "the variantSKUs entry for variant \(item.variantID.map(String.init) ?? "")"
                : item.sku != nil ? "the line's sku" : "the shop's customItemSKU"
            violations.append(.init(
                pointer: mapped == nil && item.sku != nil ? pointer + "/sku" : pointer,
                detail: "SKU \"\(sku)\" (from \(source)) must have 1 to 64 letters, digits and - _ . :; map the variant to an ERP SKU"
            ))
            return nil
        }
        return sku
    }

    private static func unitPrice(
        of item: ShopifyLineItem, at pointer: String, order: ShopifyOrder, currency: Currency, source: ShopifyCurrencySource,
        into violations: inout [OrderRequestViolation]
    ) -> Money? {
        let amount: Decimal
        let amountPointer: String
        if let priceSet = item.priceSet {
            let side = source == .presentment ? priceSet.presentmentMoney : priceSet.shopMoney
            let sidePointer = pointer + (source == .presentment ? "/price_set/presentment_money" : "/price_set/shop_money")
            guard side.currency == currency else {
                violations.append(.init(
                    pointer: sidePointer + "/currency_code",
                    detail: "is \(side.currency.code), but the order's \(source == .presentment ? "presentment_currency" : "currency") is \(currency.code)"
                ))
                return nil
            }
            amount = side.amount
            amountPointer = sidePointer + "/amount"
        } else {
            // Payloads without price_set: `price` is in the shop's currency.
            guard order.currency == currency else {
                violations.append(.init(
                    pointer: pointer + "/price_set",
                    detail: "is required to price the line in the presentment currency \(currency.code); price is in \(order.currency.code)"
                ))
                return nil
            }
            amount = item.price
            amountPointer = pointer + "/price"
        }
        guard amount >= 0 else {
            violations.append(.init(pointer: amountPointer, detail: "\(amount) is negative; a unit price cannot be"))
            return nil
        }
        do {
            return try Money(exactly: amount, currency: currency)
        } catch {
            violations.append(.init(
                pointer: amountPointer,
                detail: "\(amount) \(currency.code) has more decimals than the currency's \(currency.minorUnits); it cannot be charged exactly"
            ))
            return nil
        }
    }

    private static func shipTo(of order: ShopifyOrder, into violations: inout [OrderRequestViolation]) -> PostalAddress? {
        let pointer: String
        let address: ShopifyAddress
        if let shipping = order.shippingAddress {
            (pointer, address) = ("/shipping_address", shipping)
        } else if let billing = order.billingAddress {
            (pointer, address) = ("/billing_address", billing)
        } else {
            violations.append(.init(pointer: "/shipping_address", detail: "is required to deliver: the order has neither a shipping nor a billing address"))
            return nil
        }
        let lines = [address.address1, address.address2].compactMap { $0 }
        if lines.isEmpty { violations.append(.init(pointer: pointer + "/address1", detail: "is required: the street line to deliver to")) }
        if address.city == nil { violations.append(.init(pointer: pointer + "/city", detail: "is required to deliver")) }
        if address.countryCode == nil { violations.append(.init(pointer: pointer + "/country_code", detail: "is required to deliver")) }
        guard !lines.isEmpty, let city = address.city, let country = address.countryCode else { return nil }
        return PostalAddress(
            name: address.name, company: address.company, lines: lines, city: city, region: address.provinceCode,
            postalCode: address.zip, country: country
        )
    }

    /// A validator finding about the canonical body, pointed back at the Shopify payload (or the configuration).
    private static func translate(_ violation: OrderRequestViolation, lineIndices: [Int], order: ShopifyOrder) -> OrderRequestViolation {
        let tokens = violation.pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        let addressPointer = order.shippingAddress != nil ? "/shipping_address" : "/billing_address"
        let addressFields = ["name": "name", "company": "company", "lines": "address1", "city": "city", "region": "province_code",
                             "postalCode": "zip", "country": "country_code"]
        switch tokens.first {
        case "lines":
            if tokens.count > 1, let position = Int(tokens[1]), lineIndices.indices.contains(position) {
                let field = tokens.count > 2 ? " \(tokens[2])" : ""
                return .init(pointer: "/line_items/\(lineIndices[position])", detail: "the mapped line's\(field) \(violation.detail)")
            }
            return .init(pointer: "/line_items", detail: "the mapped lines \(violation.detail)")
        case "shipTo":
            let field = tokens.count > 1 ? addressFields[tokens[1]] ?? tokens[1] : nil
            return .init(pointer: addressPointer + (field.map { "/" + $0 } ?? ""), detail: violation.detail)
        case "channelOrderReference":
            return .init(pointer: "/id", detail: violation.detail)
        case "customer":
            return .init(pointer: "", detail: "the ERP customer from the shop's configuration \(violation.detail)")
        case "channel":
            return .init(pointer: "", detail: "the shop's channelName \(violation.detail)")
        default:
            return .init(pointer: "", detail: "the mapped order's \(violation.pointer) \(violation.detail)")
        }
    }
}
