import Contracts
import Foundation

/// X12 interchanges in the shapes trading partners send, written for these tests (identifiers are made up).
enum EDIFixtures {
    static let partnerQualifier = "ZZ"
    static let partnerID = "HARBORHW"

    /// A partner of channel `shop` sending as ZZ/HARBORHW; its SK ids are Wholesail SKUs, UPCs map through `items`.
    static func partner(deliveryURL: String? = nil) -> String {
        """
        {"channelName": "shop", "interchangeQualifier": "\(partnerQualifier)", "interchangeID": "\(partnerID)",
         "ownQualifier": "ZZ", "ownID": "WHOLESAILDIST", "version": "00401", "defaultCurrency": "EUR",
         "customers": {"92:HARBOR-0042": "C-1"}, "items": {"UP:012345678905": "NUT"},
         "unitsOfMeasure": {"EA": 1, "CA": 10}\(deliveryURL.map { #", "deliveryURL": "\#($0)""# } ?? "")}
        """
    }

    /// One 850 transaction set (ST..SE) for PO `number`: 10 EA of BOLT (by SK) at 1.00 and 1 CA (10 units) of NUT (by UPC) at 10.00.
    static func purchaseOrder(_ number: String, control: String, segmentCountAdjustment: Int = 0) -> [String] {
        let body = [
            "BEG*00*SA*\(number)**20261128",
            "CUR*BY*EUR",
            "DTM*002*20261210",
            "N1*BY*Harbor Hardware*92*HARBOR-0042",
            "N1*ST*Harbor Hardware Warehouse*92*HARBOR-0042-DC",
            "N3*Kaiweg 4",
            "N4*Hamburg**20457*DE",
            "PO1*1*10*EA*1.00**SK*BOLT*VN*HB-100",
            "PID*F****BOLT M8X50",
            "PO1*2*1*CA*10.00**UP*012345678905",
            "CTT*2*11",
            "AMT*TT*20.00",
        ]
        return ["ST*850*\(control)"] + body + ["SE*\(body.count + 2 + segmentCountAdjustment)*\(control)"]
    }

    /// An interchange of one group holding `sets`; `trailerControl` overrides IEA02 (to break the envelope).
    static func interchange(control: String = "000000101", group: String = "501", sets: [[String]], trailerControl: String? = nil) -> String {
        let isa = "ISA*00*          *00*          *\(partnerQualifier)*\(partnerID.padding(toLength: 15, withPad: " ", startingAt: 0))*ZZ*WHOLESAILDIST  *261128*0915*U*00401*\(control)*0*P*>"
        let segments = [isa, "GS*PO*\(partnerID)*WHOLESAILDIST*20261128*0915*\(group)*X*004010"] + sets.flatMap { $0 }
            + ["GE*\(sets.count)*\(group)", "IEA*1*\(trailerControl ?? control)"]
        return segments.map { $0 + "~\n" }.joined()
    }
}

extension JSONValue {
    /// The element at `index` of an array, nil for anything else or out of range — so a test that reads a report
    /// element fails its expectation instead of crashing the test process.
    subscript(index: Int) -> JSONValue? {
        guard let elements = arrayValue, elements.indices.contains(index) else { return nil }
        return elements[index]
    }
}
