import Foundation
import Messaging
import Testing
import WholesailTestSupport
@testable import Wholesailctl

/// `topology declare` declares what the services declare at start-up, with bindings taken from their handlers.
@Suite("wholesailctl topology declare")
struct TopologyDeclareTests {
    @Test(arguments: [
        ("pricing", "orders.order.received.v1"),
        ("inventory", "orders.order.received.v1"),
        ("inventory", "shipments.shipment.dispatched.v1"),
        ("orders", "pricing.order.priced.v1"),
        ("orders", "finance.credit.approved.v1"),
        ("shipments", "orders.order.confirmed.v1"),
        ("finance", "pricing.order.priced.v1"),
        ("finance", "shipments.shipment.dispatched.v1"),
    ])
    func eachInboxIsBoundToTheEventsItsServiceHandles(service: String, eventType: String) async {
        let run = await wholesailctl("topology", "declare", "--dry-run", "--service", service)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("  binding \(service).inbox <- wholesail.events \"\(eventType)\""), "\(run.text)")
    }

    @Test func everyServiceGetsAnInboxRetryQueuesAndADeadLetterQueueByDefault() async {
        let run = await wholesailctl("topology", "declare", "--dry-run")
        #expect(run.status == 0, "\(run.errors)")
        for service in ["pricing", "inventory", "orders", "shipments", "finance"] {
            #expect(run.output.contains { $0.hasPrefix("\(service) (") && $0.contains("binding key") })
            for queue in ["inbox", "retry.1", "retry.2", "retry.3", "dlq"] {
                #expect(run.output.contains { $0.hasPrefix("  queue \(service).\(queue) (") }, "no \(service).\(queue)")
            }
            #expect(!run.output.contains { $0.hasPrefix("  queue \(service).retry.4 ") })
        }
        #expect(run.output.contains { $0.contains("queue orders.inbox (") && $0.contains("x-delivery-limit=20") && $0.contains("x-dead-letter-routing-key=orders.dlq") })
        #expect(run.output.contains { $0.contains("queue orders.retry.3 (") && $0.contains("x-message-ttl=60000") })
    }

    @Test func retryDelaysAndDeliveryLimitShapeTheQueuesLikeTheServiceSettings() async {
        let run = await wholesailctl("topology", "declare", "--dry-run", "--service", "orders", "--retry-delays", "250ms,2s", "--delivery-limit", "7")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains { $0.contains("queue orders.retry.1 (") && $0.contains("x-message-ttl=250,") })
        #expect(run.output.contains { $0.contains("queue orders.retry.2 (") && $0.contains("x-message-ttl=2000,") })
        #expect(!run.output.contains { $0.contains("orders.retry.3") })
        #expect(run.output.contains { $0.contains("queue orders.inbox (") && $0.contains("x-delivery-limit=7,") })
    }

    @Test func theExchangeOptionNamesTheTopicExchangeTheInboxesAreBoundTo() async {
        let run = await wholesailctl("topology", "declare", "--dry-run", "--service", "shipments", "--exchange", "staging.events")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("  exchange staging.events (topic, durable, alternate-exchange=wholesail.unrouted)"))
        #expect(run.output.contains("  binding shipments.inbox <- staging.events \"orders.order.confirmed.v1\""))
    }

    @Test func declaringCreatesQueuesThatReceiveTheServicesEventsAndIsIdempotent() async throws {
        try await PrivateVirtualHost.with("ctl-topology") { host in
            let url = try host.amqpURL
            let first = await wholesailctl("topology", "declare", "--amqp-url", url)
            #expect(first.status == 0, "\(first.errors)")
            #expect(first.output.first?.hasPrefix("declared on amqp://") == true, "\(first.text)")
            let second = await wholesailctl("topology", "declare", "--amqp-url", url)
            #expect(second.status == 0, "declaring again must change nothing: \(second.errors)")

            let connection = try await host.connect()
            do {
                try await connection.publish(OutgoingMessage(
                    exchange: "wholesail.events", routingKey: "orders.order.confirmed.v1", body: Array(#"{"test":true}"#.utf8),
                    properties: MessageProperties(messageID: "confirmed-1", type: "orders.order.confirmed.v1")
                ))
                let delivered = try await eventually(timeout: .seconds(10)) {
                    guard let delivery = try await connection.get(queue: "shipments.inbox") else { return false }
                    delivery.ack()
                    return delivery.properties.messageID == "confirmed-1"
                }
                #expect(delivered, "shipments.inbox did not receive orders.order.confirmed.v1")
                #expect(try await connection.get(queue: "finance.dlq") == nil)
                #expect(try await connection.get(queue: "pricing.retry.3") == nil)
            } catch {
                await connection.close()
                throw error
            }
            await connection.close()
        }
    }

    @Test func anUnreachableBrokerIsOneLineAndStatusOne() async {
        let run = await wholesailctl("topology", "declare", "--service", "orders", "--amqp-url", TestServers.unreachableAMQPURL, "--connect-timeout", "1s")
        #expect(run.status == 1)
        #expect(run.errors.count == 1, "\(run.errors)")
        #expect(run.errors.first?.hasPrefix("wholesailctl: cannot reach RabbitMQ at amqp://wholesail_admin@127.0.0.1:1/wholesail") == true, "\(run.errors)")
        #expect(run.errors.first?.contains("deploy/local/stack up") == true)
        #expect(run.errors.first?.contains("wholesail_admin:") == false, "the password must not be shown")
        #expect(run.output.isEmpty)
    }
}
