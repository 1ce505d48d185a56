import Foundation

/// The body of one fulfillment notification in the Shopify format: a dispatch of the channel's order, with
/// carrier, tracking number and the lines that left.
///
/// `{"fulfillment": {"order_id": 820982911946154508, "channel_order_reference": "820982911946154508",
///   "shipment_id": "shp-…", "dispatch_id": "shp-…-d1", "status": "success",
///   "tracking_info": {"company": "UPS", "number": "1Z…"}, "line_items": [{"sku": "BOLT", "quantity": 4, "line_number": 1}],
///   "created_at": "2026-11-27T14:01:02.000Z"}}`
struct ShopifyFulfillment: Encodable, Sendable, Hashable {
    /// The channel's order id: a JSON integer when the channel order reference is one (all digits, no leading
    /// zero, within `Int64`), otherwise the reference as a string.
    enum OrderID: Encodable, Sendable, Hashable {
        case number(Int64)
        case text(String)

        init(channelOrderReference reference: String) {
            let digitsOnly = !reference.isEmpty && reference.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            let leadingZero = reference.utf8.count > 1 && reference.utf8.first == UInt8(ascii: "0")
            if digitsOnly && !leadingZero, let number = Int64(reference) {
                self = .number(number)
            } else {
                self = .text(reference)
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .text(let text): try container.encode(text)
            }
        }
    }

    /// Carrier and tracking number; each `null` when the dispatch did not name it.
    struct TrackingInfo: Encodable, Sendable, Hashable {
        var company: String?
        var number: String?

        enum CodingKeys: String, CodingKey {
            case company, number
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(company, forKey: .company)
            try container.encode(number, forKey: .number)
        }
    }

    struct LineItem: Encodable, Sendable, Hashable {
        var sku: String
        var quantity: Int
        var lineNumber: Int

        enum CodingKeys: String, CodingKey {
            case sku, quantity
            case lineNumber = "line_number"
        }
    }

    struct Body: Encodable, Sendable, Hashable {
        var orderID: OrderID
        var channelOrderReference: String
        var shipmentID: String
        var dispatchID: String
        /// Always `success`: a dispatch is a fulfillment that happened.
        var status: String
        var trackingInfo: TrackingInfo
        var lineItems: [LineItem]
        /// When the goods left (the dispatch milestone's time).
        var createdAt: Date

        enum CodingKeys: String, CodingKey {
            case orderID = "order_id"
            case channelOrderReference = "channel_order_reference"
            case shipmentID = "shipment_id"
            case dispatchID = "dispatch_id"
            case status
            case trackingInfo = "tracking_info"
            case lineItems = "line_items"
            case createdAt = "created_at"
        }
    }

    var fulfillment: Body
}
