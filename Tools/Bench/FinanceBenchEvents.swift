import Contracts
import Foundation

/// The events the finance benchmark plays on behalf of pricing, orders and shipments, and the amounts finance must
/// answer them with.
///
/// Order `number` has two or three lines (by its parity) of 1–9 units at 12.50 EUR plus 0.37 EUR per line number, so
/// the line nets vary and 19 % tax needs rounding on about half of them. Orders are named `<tag>-<number>` and belong
/// to customer `number mod customers`.
enum FinanceBenchEvents {
    static let currency = Currency.EUR
    /// The region and class the benchmark's tax rate is set for; every order ships to Germany, every line is standard.
    static let taxRegion = "DE"
    static let taxClass = "standard"
    static let taxPercent: Int64 = 19
    static let warehouse = "HAM"
    static let shipTo = PostalAddress(company: "Nordlicht Handel GmbH", lines: ["Hafenstraße 12"], city: "Hamburg", postalCode: "20457", country: "DE")

    /// One order line as the benchmark prices, confirms and ships it.
    struct Line {
        var lineNumber: Int
        var sku: String
        var quantity: Int
        var unitPriceMinor: Int64
        var netMinor: Int64 { unitPriceMinor * Int64(quantity) }
    }

    static func orderID(tag: String, number: Int) -> String {
        "\(tag)-\(number)"
    }

    static func customerID(_ index: Int) -> String {
        "bench-customer-\(index)"
    }

    static func lines(number: Int) -> [Line] {
        (1...(2 + number % 2)).map { line in
            Line(lineNumber: line, sku: "SKU-\(100_000 + line)", quantity: 1 + (number + line) % 9, unitPriceMinor: 1_250 + 37 * Int64(line))
        }
    }

    /// The order's net total (what the credit check holds, what its one invoice nets).
    static func netMinor(number: Int) -> Int64 {
        lines(number: number).reduce(0) { $0 + $1.netMinor }
    }

    /// The invoice's tax under finance's default rule: per line, rounded half away from zero (TaxTable).
    static func taxMinor(number: Int) -> Int64 {
        lines(number: number).reduce(0) { $0 + ($1.netMinor * taxPercent + 50) / 100 }
    }

    /// `pricing.order.priced.v1` for order `number` of `tag`.
    static func priced(tag: String, number: Int, customers: Int) -> OrderPriced {
        let lines = lines(number: number).map { line in
            OrderPriced.Line(
                lineNumber: line.lineNumber, sku: line.sku, quantity: line.quantity, unitPrice: Money(minorUnits: line.unitPriceMinor, currency: currency),
                extendedAmount: Money(minorUnits: line.netMinor, currency: currency), rule: PriceRule(kind: .list, id: "bench"), category: taxClass
            )
        }
        return OrderPriced(
            orderID: orderID(tag: tag, number: number), customer: customerID(number % customers), currency: currency, priceVersion: 1,
            pricedAt: StableJSON.roundedToMilliseconds(Date()), lines: lines, total: Money(minorUnits: netMinor(number: number), currency: currency),
            mismatchedLines: 0
        )
    }

    /// `orders.order.confirmed.v1` for order `number` of `tag`, shipping to Germany from one warehouse.
    static func confirmed(tag: String, number: Int, customers: Int) -> OrderConfirmed {
        let id = orderID(tag: tag, number: number)
        let lines = lines(number: number).map { line in
            OrderConfirmed.Line(
                lineNumber: line.lineNumber, sku: line.sku, quantity: line.quantity, unitPrice: Money(minorUnits: line.unitPriceMinor, currency: currency),
                extendedAmount: Money(minorUnits: line.netMinor, currency: currency), category: taxClass
            )
        }
        return OrderConfirmed(
            orderID: id, channel: "bench", channelOrderReference: id, customer: customerID(number % customers), currency: currency, shipTo: shipTo,
            priceVersion: 1, lines: lines, total: Money(minorUnits: netMinor(number: number), currency: currency), reservationID: "res-\(id)",
            allocations: lines.map { OrderConfirmed.Allocation(warehouse: warehouse, sku: $0.sku, quantity: $0.quantity) },
            confirmedAt: StableJSON.roundedToMilliseconds(Date())
        )
    }

    /// `shipments.shipment.dispatched.v1`: the whole of order `number` of `tag` in one dispatch.
    static func dispatched(tag: String, number: Int) -> ShipmentDispatched {
        let id = orderID(tag: tag, number: number)
        return ShipmentDispatched(
            shipmentID: "shp-\(id)", dispatchID: "dsp-\(id)", orderID: id, warehouse: warehouse, carrier: "DHL", trackingNumber: "TRK-\(id)",
            lines: lines(number: number).map { ShipmentDispatched.Line(lineNumber: $0.lineNumber, sku: $0.sku, quantity: $0.quantity) },
            dispatchedAt: StableJSON.roundedToMilliseconds(Date())
        )
    }
}
