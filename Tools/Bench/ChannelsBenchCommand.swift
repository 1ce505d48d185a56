import ArgumentParser
import Foundation
import ShopifyChannel
import X12

/// `wholesail-bench channels`: how fast the channel adapters' own work is — reading and checking X12, writing the
/// 997, and verifying, decoding and mapping a Shopify order — on this machine, without servers (the database and
/// broker costs of the same requests are the orders intake's and are measured by `wholesail-bench orders`).
struct ChannelsBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channels",
        abstract: "X12 read + 850 parse + 997 write, and Shopify signature check + order decode, per second (CPU only)."
    )

    @Option(help: "Interchanges read per X12 measurement.")
    var interchanges = 200

    @Option(help: "850 transaction sets per interchange.")
    var sets = 10

    @Option(help: "PO1 lines per 850 (and line items per Shopify order).")
    var lines = 20

    @Option(help: "Shopify webhooks verified and decoded.")
    var webhooks = 5_000

    func validate() throws {
        guard (1...100_000).contains(interchanges), (1...1_000).contains(sets), (1...1_000).contains(lines), (1...1_000_000).contains(webhooks) else {
            throw ValidationError("--interchanges 1…100000, --sets 1…1000, --lines 1…1000, --webhooks 1…1000000")
        }
    }

    func run() async throws {
        let interchange = Array(Self.interchange(sets: sets, lines: lines).utf8)
        var setsRead = 0
        var acknowledgmentBytes = 0
        let x12Start = ContinuousClock.now
        for _ in 0..<interchanges {
            guard let read = X12Reader.read(interchange).interchange, read.allErrors.isEmpty else {
                throw BenchError("the benchmark's own interchange did not read cleanly")
            }
            for group in read.groups {
                for set in group.transactionSets {
                    _ = try PurchaseOrder850(set)
                    setsRead += 1
                }
            }
            let acknowledgments = FunctionalAcknowledgment.acknowledgments(for: read)
            let header = X12EnvelopeHeader(senderQualifier: "ZZ", senderID: "WHOLESAIL", receiverQualifier: "ZZ", receiverID: "BENCHPARTNER",
                                           functionalIdentifier: "FA", date: Date(), interchangeControlNumber: 1, groupControlNumber: 1)
            let text = try X12Writer().interchange(header: header, transactionSets: acknowledgments.enumerated().map { $0.element.outgoing(controlNumber: String(format: "%04d", $0.offset + 1)) })
            acknowledgmentBytes += text.utf8.count
        }
        let x12Seconds = Self.seconds(ContinuousClock.now - x12Start)

        let body = Array(Self.shopifyOrder(lines: lines).utf8)
        let secret = "shpss_benchmark_secret_000000001"
        let secrets = ShopifyWebhookSecrets(current: secret)
        let signature = ShopifyWebhookSignature.sign(body: body, secret: secret)
        let shopifyStart = ContinuousClock.now
        for _ in 0..<webhooks {
            guard ShopifyWebhookSignature.verify(body: body, header: signature, secrets: secrets, now: Date()).isValid else {
                throw BenchError("the benchmark's own signature did not verify")
            }
            _ = try ShopifyOrder.decode(body)
        }
        let shopifySeconds = Self.seconds(ContinuousClock.now - shopifyStart)
        let verifyStart = ContinuousClock.now
        for _ in 0..<webhooks {
            _ = ShopifyWebhookSignature.verify(body: body, header: signature, secrets: secrets, now: Date())
        }
        let verifySeconds = Self.seconds(ContinuousClock.now - verifyStart)

        let megabytes = Double(interchange.count * interchanges) / 1_000_000
        print("channels (CPU only, one core)")
        print(String(format: "  X12: %d interchanges × %d 850s × %d lines (%.1f KB each): %.0f interchanges/s, %.0f 850s/s, %.1f MB/s read; 997 %d bytes written",
                     interchanges, sets, lines, Double(interchange.count) / 1000, Double(interchanges) / x12Seconds, Double(setsRead) / x12Seconds,
                     megabytes / x12Seconds, acknowledgmentBytes / interchanges))
        print(String(format: "  Shopify: %d orders/create bodies of %d line items (%.1f KB): verify + decode %.0f webhooks/s (%.0f µs each, of which the signature %.0f µs)",
                     webhooks, lines, Double(body.count) / 1000, Double(webhooks) / shopifySeconds, shopifySeconds / Double(webhooks) * 1_000_000,
                     verifySeconds / Double(webhooks) * 1_000_000))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// One interchange of `sets` 850s with `lines` lines each, totals consistent.
    static func interchange(sets: Int, lines: Int) -> String {
        var segments = [
            "ISA*00*          *00*          *ZZ*BENCHPARTNER   *ZZ*WHOLESAIL      *261128*0915*U*00401*000000001*0*P*>",
            "GS*PO*BENCHPARTNER*WHOLESAIL*20261128*0915*1*X*004010",
        ]
        for set in 1...sets {
            let control = String(format: "%04d", set)
            var body = ["BEG*00*SA*PO-BENCH-\(set)**20261128", "N1*ST*Bench Receiving*92*DC-1", "N3*Kaiweg 4", "N4*Hamburg**20457*DE"]
            for line in 1...lines {
                body.append("PO1*\(line)*\(line)*EA*1.25**SK*SKU-\(line)*UP*0123456789\(String(format: "%02d", line % 100))")
                body.append("PID*F****BENCH ITEM \(line)")
            }
            let quantity = lines * (lines + 1) / 2
            body.append("CTT*\(lines)*\(quantity)")
            segments.append("ST*850*\(control)")
            segments.append(contentsOf: body)
            segments.append("SE*\(body.count + 2)*\(control)")
        }
        segments.append("GE*\(sets)*1")
        segments.append("IEA*1*000000001")
        return segments.map { $0 + "~\n" }.joined()
    }

    /// An `orders/create` body in Shopify's shape with `lines` line items.
    static func shopifyOrder(lines: Int) -> String {
        let items = (1...lines).map { line in
            """
            {"id": \(1_380_000_000_000_000_000 + line), "variant_id": \(4_410_000_000_000_000_000 + line), "product_id": \(810_000_000_000_000_000 + line),
             "sku": "SKU-\(line)", "title": "Item \(line)", "quantity": \(line), "current_quantity": \(line), "price": "12.00",
             "price_set": {"shop_money": {"amount": "12.00", "currency_code": "EUR"}, "presentment_money": {"amount": "12.00", "currency_code": "EUR"}}}
            """
        }.joined(separator: ",")
        return """
            {"id": 5920117364227185001, "name": "#1042", "order_number": 1042, "currency": "EUR", "presentment_currency": "EUR",
             "po_number": "PO-77812", "created_at": "2026-11-28T09:14:02+01:00", "updated_at": "2026-11-28T09:14:03+01:00", "total_price": "36.00",
             "company": {"id": 98001, "location_id": 98101, "name": "Nordlicht Handel GmbH"},
             "shipping_address": {"company": "Nordlicht Handel GmbH", "address1": "Hafenstraße 12", "city": "Hamburg", "zip": "20457", "country_code": "DE"},
             "line_items": [\(items)]}
            """
    }
}
