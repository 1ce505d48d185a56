import Foundation

/// An 856 ship notice (ASN): the shipment (carrier, tracking, bill of lading, parties), the orders it carries,
/// optional packs (SSCC-18 labels) and the items shipped, as an HL tree shipment → order → [pack →] item.
public struct ShipNotice856: Sendable, Hashable {
    /// An I level: one product shipped.
    public struct Item: Sendable, Hashable {
        /// LIN01 (or SN101) line id, matching the PO line.
        public var lineID: String?
        /// LIN qualifier/id pairs from LIN02 on.
        public var productIdentifiers: [X12ProductIdentifier]
        /// SN102 quantity shipped.
        public var quantityShipped: Decimal
        /// SN103 unit of measure.
        public var unit: String
        /// PID*F description.
        public var description: String?

        /// Creates an item.
        public init(lineID: String? = nil, productIdentifiers: [X12ProductIdentifier], quantityShipped: Decimal,
                    unit: String, description: String? = nil) {
            self.lineID = lineID
            self.productIdentifiers = productIdentifiers
            self.quantityShipped = quantityShipped
            self.unit = unit
            self.description = description
        }
    }

    /// A P level: one carton or pallet with its SSCC-18 label.
    public struct Pack: Sendable, Hashable {
        /// MAN*GM, the SSCC-18 of the package label.
        public var serialShippingContainerCode: String?
        /// The items in this pack.
        public var items: [Item]

        /// Creates a pack.
        public init(serialShippingContainerCode: String?, items: [Item]) {
            self.serialShippingContainerCode = serialShippingContainerCode
            self.items = items
        }
    }

    /// An O level: one purchase order in the shipment.
    public struct Order: Sendable, Hashable {
        /// PRF01, the partner's purchase order number.
        public var purchaseOrderNumber: String
        /// PRF04 purchase order date, CCYYMMDD.
        public var purchaseOrderDate: String?
        /// Packs of the order (S/O/P/I structure).
        public var packs: [Pack]
        /// Items directly under the order (S/O/I structure).
        public var items: [Item]

        /// Creates an order level.
        public init(purchaseOrderNumber: String, purchaseOrderDate: String? = nil, packs: [Pack] = [],
                    items: [Item] = []) {
            self.purchaseOrderNumber = purchaseOrderNumber
            self.purchaseOrderDate = purchaseOrderDate
            self.packs = packs
            self.items = items
        }
    }

    /// The S level: how the goods travel.
    public struct Shipment: Sendable, Hashable {
        /// TD101 packaging code, e.g. `CTN25`, `PLT94`.
        public var packagingCode: String?
        /// TD102 number of packages.
        public var packageCount: Int?
        /// TD106 weight qualifier, e.g. `G` gross.
        public var weightQualifier: String?
        /// TD107 weight.
        public var weight: Decimal?
        /// TD108 weight unit, e.g. `LB`, `KG`.
        public var weightUnit: String?
        /// TD502 carrier id qualifier (`2` = SCAC).
        public var carrierQualifier: String?
        /// TD503 carrier code (the SCAC when TD502 is `2`).
        public var carrierCode: String?
        /// TD504 transportation method, e.g. `M` motor, `U` parcel.
        public var transportationMethod: String?
        /// TD505 routing / carrier name.
        public var routing: String?
        /// REF segments: `BM` bill of lading, `CN` tracking / PRO number...
        public var references: [X12Reference]
        /// DTM segments: `011` shipped...
        public var dates: [X12DateTimeReference]
        /// N1 loops: `SF` ship-from, `ST` ship-to...
        public var parties: [X12Party]

        /// Creates a shipment level.
        public init(
            packagingCode: String? = nil, packageCount: Int? = nil, weightQualifier: String? = nil,
            weight: Decimal? = nil, weightUnit: String? = nil, carrierQualifier: String? = nil,
            carrierCode: String? = nil, transportationMethod: String? = nil, routing: String? = nil,
            references: [X12Reference] = [], dates: [X12DateTimeReference] = [], parties: [X12Party] = []
        ) {
            self.packagingCode = packagingCode
            self.packageCount = packageCount
            self.weightQualifier = weightQualifier
            self.weight = weight
            self.weightUnit = weightUnit
            self.carrierQualifier = carrierQualifier
            self.carrierCode = carrierCode
            self.transportationMethod = transportationMethod
            self.routing = routing
            self.references = references
            self.dates = dates
            self.parties = parties
        }

        /// REF*BM.
        public var billOfLading: String? { references.value(for: "BM") }
        /// REF*CN: carrier tracking or PRO number.
        public var trackingNumber: String? { references.value(for: "CN") }
        /// DTM*011.
        public var shipDate: String? { dates.date(for: "011") }
        /// The SCAC: TD503 when TD502 is `2`.
        public var standardCarrierAlphaCode: String? { carrierQualifier == "2" ? carrierCode : nil }
    }

    /// BSN01 purpose, e.g. `00` original, `14` advance notification.
    public var purpose: String
    /// BSN02 shipment id.
    public var shipmentIdentifier: String
    /// BSN03 date, CCYYMMDD.
    public var date: String
    /// BSN04 time, HHMM[SS].
    public var time: String
    /// BSN05 hierarchical structure code, e.g. `0001` (S/O/P/I or S/O/I).
    public var hierarchyStructureCode: String?
    /// The S level.
    public var shipment: Shipment
    /// The O levels in order.
    public var orders: [Order]

    /// Creates a ship notice to build.
    public init(
        purpose: String = "00", shipmentIdentifier: String, date: String, time: String,
        hierarchyStructureCode: String? = "0001", shipment: Shipment, orders: [Order]
    ) {
        self.purpose = purpose
        self.shipmentIdentifier = shipmentIdentifier
        self.date = date
        self.time = time
        self.hierarchyStructureCode = hierarchyStructureCode
        self.shipment = shipment
        self.orders = orders
    }

    /// One HL with the segments up to the next HL.
    private struct Level {
        var segment: X12Segment
        var id: String { segment[1] }
        var parent: String { segment[2] }
        var code: String { segment[3] }
        var segments: [X12Segment] = []
    }

    /// Reads an 856: every HL must have a known parent; CTT01, when sent, must equal the number of HL segments.
    public init(_ set: X12TransactionSet) throws(X12DocumentError) {
        guard set.identifier == "856" else { throw .wrongTransactionSet(expected: "856", found: set.identifier) }
        var header: X12Segment?
        var levels: [Level] = []
        var summary: X12Segment?
        for segment in set.body {
            switch segment.id {
            case "BSN": header = segment
            case "HL": levels.append(Level(segment: segment))
            case "CTT": summary = segment
            default:
                if let last = levels.indices.last { levels[last].segments.append(segment) }
            }
        }
        guard let header else { throw .missingSegment("BSN", in: "856") }
        purpose = try X12DocumentError.required(header, 1)
        shipmentIdentifier = try X12DocumentError.required(header, 2)
        date = try X12Date.checked(header, 3, required: true) ?? ""
        time = try X12DocumentError.required(header, 4)
        hierarchyStructureCode = X12DocumentError.optional(header, 5)

        var byID: [String: Level] = [:]
        for level in levels {
            _ = try X12DocumentError.required(level.segment, 1)
            _ = try X12DocumentError.required(level.segment, 3)
            guard byID[level.id] == nil else {
                throw X12DocumentError.invalid(level.segment, 1, "HL id \(level.id) is used twice")
            }
            if !level.parent.isEmpty, byID[level.parent] == nil {
                throw X12DocumentError.invalid(level.segment, 2, "parent HL \(level.parent) does not come before HL \(level.id)")
            }
            byID[level.id] = level
        }
        /// The nearest ancestor of a level whose code is one of `codes`.
        func ancestor(of level: Level, in codes: Set<String>) -> Level? {
            var current = byID[level.parent]
            while let candidate = current {
                if codes.contains(candidate.code) { return candidate }
                current = candidate.parent.isEmpty ? nil : byID[candidate.parent]
            }
            return nil
        }

        let shipments = levels.filter { $0.code == "S" }
        guard let shipmentLevel = shipments.first else { throw .missingSegment("HL*S", in: "856") }
        if shipments.count > 1 {
            throw .unexpectedSegment(shipments[1].segment, reason: "HL \(shipments[1].id) is a second shipment level")
        }
        shipment = try Self.shipment(shipmentLevel.segments)

        var orders: [Order] = []
        var orderIndex: [String: Int] = [:]
        var packIndex: [String: (order: Int, pack: Int)] = [:]
        for level in levels {
            switch level.code {
            case "O":
                guard let reference = level.segments.first(where: { $0.id == "PRF" }) else {
                    throw X12DocumentError(
                        kind: .missingSegment, segmentID: "PRF", position: nil,
                        message: "order level HL \(level.id) at position \(level.segment.position) has no PRF")
                }
                orderIndex[level.id] = orders.count
                orders.append(Order(
                    purchaseOrderNumber: try X12DocumentError.required(reference, 1),
                    purchaseOrderDate: try X12Date.checked(reference, 4, required: false)))
            case "P":
                guard let order = ancestor(of: level, in: ["O"]), let index = orderIndex[order.id] else {
                    throw .unexpectedSegment(level.segment, reason: "pack level HL \(level.id) has no order level above it")
                }
                let label = level.segments.first { $0.id == "MAN" && $0[1] == "GM" }.flatMap { X12DocumentError.optional($0, 2) }
                packIndex[level.id] = (index, orders[index].packs.count)
                orders[index].packs.append(Pack(serialShippingContainerCode: label, items: []))
            case "I":
                guard let owner = ancestor(of: level, in: ["O", "P"]) else {
                    throw .unexpectedSegment(level.segment, reason: "item level HL \(level.id) has no order or pack level above it")
                }
                let item = try Self.item(level.segments, level: level.segment)
                if owner.code == "P", let place = packIndex[owner.id] {
                    orders[place.order].packs[place.pack].items.append(item)
                } else if let index = orderIndex[owner.id] {
                    orders[index].items.append(item)
                }
            default:
                break
            }
        }
        self.orders = orders
        if let summary, let count = try X12DocumentError.integer(summary, 1, required: true), count != levels.count {
            throw .totalMismatch(summary, element: 1, "CTT01 says \(count) but the 856 has \(levels.count) HL segments")
        }
    }

    private static func shipment(_ segments: [X12Segment]) throws(X12DocumentError) -> Shipment {
        var shipment = Shipment()
        var inPartyLoop = false
        for segment in segments {
            if inPartyLoop, X12Party.continues(segment),
               let index = shipment.parties.indices.last, shipment.parties[index].apply(segment) {
                continue
            }
            inPartyLoop = false
            switch segment.id {
            case "TD1":
                shipment.packagingCode = X12DocumentError.optional(segment, 1)
                shipment.packageCount = try X12DocumentError.integer(segment, 2, required: false)
                shipment.weightQualifier = X12DocumentError.optional(segment, 6)
                shipment.weight = try X12DocumentError.decimal(segment, 7, required: false)
                shipment.weightUnit = X12DocumentError.optional(segment, 8)
            case "TD5":
                shipment.carrierQualifier = X12DocumentError.optional(segment, 2)
                shipment.carrierCode = X12DocumentError.optional(segment, 3)
                shipment.transportationMethod = X12DocumentError.optional(segment, 4)
                shipment.routing = X12DocumentError.optional(segment, 5)
            case "REF":
                shipment.references.append(try X12Reference(segment))
            case "DTM":
                shipment.dates.append(try X12DateTimeReference(segment))
            case "N1":
                shipment.parties.append(try X12Party.start(segment))
                inPartyLoop = true
            default:
                break
            }
        }
        return shipment
    }

    private static func item(_ segments: [X12Segment], level: X12Segment) throws(X12DocumentError) -> Item {
        guard let shipped = segments.first(where: { $0.id == "SN1" }) else {
            throw X12DocumentError(
                kind: .missingSegment, segmentID: "SN1", position: nil,
                message: "item level HL \(level[1]) at position \(level.position) has no SN1 quantity shipped")
        }
        let line = segments.first { $0.id == "LIN" }
        return Item(
            lineID: line.flatMap { X12DocumentError.optional($0, 1) } ?? X12DocumentError.optional(shipped, 1),
            productIdentifiers: try line.map { segment throws(X12DocumentError) in
                try X12ProductIdentifier.pairs(in: segment, from: 2)
            } ?? [],
            quantityShipped: try X12DocumentError.decimal(shipped, 2, required: true) ?? 0,
            unit: try X12DocumentError.required(shipped, 3),
            description: segments.first { $0.id == "PID" }.flatMap { X12DocumentError.optional($0, 5) })
    }

    /// The body between ST and SE: BSN, the HL tree depth first (ids 1..n, parent ids, HL03 level codes, HL04 `1`
    /// when the level has children), then CTT (number of HL, hash of quantities shipped).
    public func segments() -> [X12Segment] {
        var result = [X12Segment(
            id: "BSN", elements: [purpose, shipmentIdentifier, date, time, hierarchyStructureCode ?? ""])]
        var nextID = 1
        var levelCount = 0
        var hash = Decimal(0)
        func level(parent: Int?, code: String, hasChildren: Bool) -> Int {
            let id = nextID
            nextID += 1
            levelCount += 1
            result.append(X12Segment(
                "HL", String(id), parent.map(String.init) ?? "", code, hasChildren ? "1" : "0"))
            return id
        }
        func add(_ item: Item, parent: Int) {
            _ = level(parent: parent, code: "I", hasChildren: false)
            result.append(X12Segment(id: "LIN", elements: [item.lineID ?? ""] + item.productIdentifiers.elements))
            result.append(X12Segment(id: "SN1", elements: [item.lineID ?? "", X12Number.text(item.quantityShipped), item.unit]))
            if let description = item.description { result.append(X12Segment("PID", "F", "", "", "", description)) }
            hash += item.quantityShipped
        }

        let shipmentID = level(parent: nil, code: "S", hasChildren: !orders.isEmpty)
        if shipment.packagingCode != nil || shipment.packageCount != nil || shipment.weight != nil {
            result.append(X12Segment(
                id: "TD1",
                elements: [shipment.packagingCode ?? "", shipment.packageCount.map(String.init) ?? "", "", "", "",
                           shipment.weightQualifier ?? "", shipment.weight.map(X12Number.text) ?? "",
                           shipment.weightUnit ?? ""]))
        }
        if shipment.carrierCode != nil || shipment.routing != nil || shipment.transportationMethod != nil {
            result.append(X12Segment(
                id: "TD5",
                elements: ["", shipment.carrierQualifier ?? "", shipment.carrierCode ?? "",
                           shipment.transportationMethod ?? "", shipment.routing ?? ""]))
        }
        result += shipment.references.map(\.segment)
        result += shipment.dates.map(\.segment)
        result += shipment.parties.flatMap { $0.segments() }
        for order in orders {
            let orderID = level(parent: shipmentID, code: "O", hasChildren: !order.packs.isEmpty || !order.items.isEmpty)
            result.append(X12Segment(
                id: "PRF", elements: [order.purchaseOrderNumber, "", "", order.purchaseOrderDate ?? ""]))
            for item in order.items { add(item, parent: orderID) }
            for pack in order.packs {
                let packID = level(parent: orderID, code: "P", hasChildren: !pack.items.isEmpty)
                if let label = pack.serialShippingContainerCode { result.append(X12Segment("MAN", "GM", label)) }
                for item in pack.items { add(item, parent: packID) }
            }
        }
        result.append(X12Segment("CTT", String(levelCount), X12Number.text(hash)))
        return result
    }
}
