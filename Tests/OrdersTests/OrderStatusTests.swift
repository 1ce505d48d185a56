import Foundation
import Orders
import Testing

/// ``OrderStatus``: fulfilment only moves forward, cancellation is allowed before anything shipped, and the raw values
/// are exactly what the `orders.orders.status` CHECK constraint accepts.
@Suite("Order status")
struct OrderStatusTests {
    /// The fulfilment milestones in the order they happen.
    private let milestones: [OrderStatus] = [.confirmed, .erpPosted, .shipped, .invoiced, .completed, .returned, .refunded]

    // MARK: - advanced(to:)

    @Test func aConfirmedOrderAdvancesToERPPosted() {
        #expect(OrderStatus.confirmed.advanced(to: .erpPosted) == .erpPosted)
    }

    @Test func aShippedOrderStaysShippedWhenTheERPPostingArrivesLate() {
        #expect(OrderStatus.shipped.advanced(to: .erpPosted) == .shipped)
    }

    @Test func everyMilestoneAdvancesToEveryLaterOneAndNeverBack() {
        for (fromIndex, from) in milestones.enumerated() {
            for (toIndex, to) in milestones.enumerated() {
                let expected = toIndex > fromIndex ? to : from
                #expect(from.advanced(to: to) == expected, "\(from.rawValue) advanced to \(to.rawValue)")
            }
        }
    }

    @Test func aMilestoneNeverMovesAnOrderBackToAStepStatus() {
        for from in milestones {
            for to in [OrderStatus.received, .needsAttention, .rejected, .cancelled] {
                #expect(from.advanced(to: to) == from, "\(from.rawValue) advanced to \(to.rawValue)")
            }
        }
    }

    @Test func rejectedCancelledReceivedAndNeedsAttentionOrdersNeverAdvance() {
        for from in [OrderStatus.rejected, .cancelled, .received, .needsAttention] {
            for to in OrderStatus.allCases {
                #expect(from.advanced(to: to) == from, "\(from.rawValue) advanced to \(to.rawValue)")
            }
        }
    }

    // MARK: - Predicates

    @Test func onlyOrdersBeforeShipmentAreCancellable() {
        let cancellable = Set(OrderStatus.allCases.filter(\.isCancellable))
        #expect(cancellable == [.received, .needsAttention, .confirmed, .erpPosted])
    }

    @Test func onlyReceivedAndNeedsAttentionAwaitSteps() {
        #expect(Set(OrderStatus.allCases.filter(\.isAwaitingSteps)) == [.received, .needsAttention])
    }

    @Test func onlyRejectedAndCancelledAreClosed() {
        #expect(Set(OrderStatus.allCases.filter(\.isClosed)) == [.rejected, .cancelled])
    }

    // MARK: - Raw values

    @Test func rawValuesAreTheSnakeCaseNames() {
        #expect(OrderStatus.needsAttention.rawValue == "needs_attention")
        #expect(OrderStatus.erpPosted.rawValue == "erp_posted")
        #expect(OrderStatus(rawValue: "needs_attention") == .needsAttention)
        #expect(OrderStatus(rawValue: "erp_posted") == .erpPosted)
    }

    @Test func rawValuesMatchTheStatusCheckConstraintOfTheMigration() throws {
        let migration = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Services/Orders/Sources/Migrations/orders_0001_tables.sql")
        let sql = try String(contentsOf: migration, encoding: .utf8)
        // The first `status ... CHECK (status IN (...))` is the orders table's.
        let start = try #require(sql.range(of: "CHECK (status IN ("))
        let end = try #require(sql.range(of: "))", range: start.upperBound..<sql.endIndex))
        let list = sql[start.upperBound..<end.lowerBound]
        let allowed = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "'")) }

        #expect(Set(allowed) == Set(OrderStatus.allCases.map(\.rawValue)))
        #expect(allowed.count == OrderStatus.allCases.count)
    }
}
