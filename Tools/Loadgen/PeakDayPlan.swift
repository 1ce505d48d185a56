import Contracts
import Foundation
import SuiteDriver

/// The synthetic peak day: which orders arrive, from which kind of channel, for which products.
///
/// Channel mix (by the shape of their orders, all through the one channel key): storefronts 60 % (1–3 lines, small
/// quantities), EDI trading partners 25 % (5–15 lines, case quantities), marketplaces 15 % (one line, one or two
/// units). Products by Zipf popularity (exponent 1.1): the top 20 of 500 SKUs take about half the lines.
struct PeakDayPlan: Sendable {
    struct Order: Sendable {
        var reference: String
        var customer: String
        var shipTo: PostalAddress
        var lines: [OrderSubmission.Line]
    }

    static let shipTos = [
        PostalAddress(company: "Nordlicht Handel GmbH", lines: ["Hafenstraße 12"], city: "Hamburg", postalCode: "20457", country: "DE"),
        PostalAddress(company: "Isar Bau KG", lines: ["Leopoldstraße 8"], city: "München", postalCode: "80802", country: "DE"),
        PostalAddress(company: "Rhein Technik AG", lines: ["Domstraße 3"], city: "Köln", postalCode: "50668", country: "DE"),
    ]

    let run: String
    let skus: [String]
    let customers: [String]
    let orders: [Order]

    init(run: String, orderCount: Int, skuCount: Int, customerCount: Int, seed: UInt64) {
        self.run = run
        let skus = (1...skuCount).map { String(format: "PEAK-SKU-%04d", $0) }
        let customers = (1...customerCount).map { String(format: "PEAK-C-%03d", $0) }
        var generator = SeededGenerator(seed: seed)
        let popularity = ZipfDistribution(count: skuCount, exponent: 1.1)
        var orders: [Order] = []
        orders.reserveCapacity(orderCount)
        for number in 1...orderCount {
            let channel = Double.random(in: 0..<1, using: &generator)
            let (lineCount, quantities): (Int, ClosedRange<Int>) = channel < 0.60 ? (Int.random(in: 1...3, using: &generator), 1...20)
                : channel < 0.85 ? (Int.random(in: 5...15, using: &generator), 10...100) : (1, 1...2)
            var chosen: [Int: Int] = [:]
            while chosen.count < lineCount { chosen[popularity.sample(using: &generator)] = Int.random(in: quantities, using: &generator) }
            let prefix = channel < 0.60 ? "SHOP" : channel < 0.85 ? "EDI" : "MKT"
            orders.append(Order(
                reference: "PEAK-\(run)-\(prefix)-\(number)", customer: customers[Int.random(in: 0..<customerCount, using: &generator)],
                shipTo: Self.shipTos[Int.random(in: 0..<Self.shipTos.count, using: &generator)],
                lines: chosen.sorted { $0.key < $1.key }.map { OrderSubmission.Line(sku: skus[$0.key], quantity: $0.value) }
            ))
        }
        self.skus = skus
        self.customers = customers
        self.orders = orders
    }

    /// Units each SKU is asked for over the day (stock is loaded with room to spare, so no order fails for stock).
    var demand: [String: Int] {
        var units: [String: Int] = [:]
        for order in orders { for line in order.lines { units[line.sku, default: 0] += line.quantity } }
        return units
    }
}
