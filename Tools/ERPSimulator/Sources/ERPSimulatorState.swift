import Contracts
import Foundation

/// Everything the simulated ERP knows — its knobs, the documents it recorded and its counters — in memory.
///
/// The HTTP routes are a thin layer over this actor, so the ERP's behaviour (numbering, idempotency, the
/// failure knobs) is testable without HTTP, and tests that run a simulator can set knobs and read what it
/// recorded directly.
public actor ERPSimulatorState {
    private var currentKnobs: ERPSimulatorKnobs
    /// Decides which posts the error-rate knob fails; injectable so tests are deterministic.
    private var randomSource: any RandomNumberGenerator & Sendable
    /// Documents in order of first receipt, all kinds together.
    private var records: [ERPReceivedDocument] = []
    /// Position in `records` by kind and idempotency key.
    private var recordPositions: [ERPDocumentKind: [String: Int]] = [:]
    /// The last number handed out, per kind.
    private var lastNumbers: [ERPDocumentKind: Int] = [:]
    private var counters: [ERPDocumentKind: ERPKindStatistics] = [:]

    /// How long clients are told to wait during an outage.
    public static let outageRetryAfter: Duration = .seconds(1)

    /// - Parameters:
    ///   - knobs: the initial knobs.
    ///   - randomSource: decides which posts the `errorRatePercent` knob fails; pass a seeded generator in
    ///     tests for a repeatable sequence.
    public init(knobs: ERPSimulatorKnobs = .normal, randomSource: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()) {
        currentKnobs = knobs
        self.randomSource = randomSource
    }

    // MARK: Knobs

    /// The knobs in force.
    public var knobs: ERPSimulatorKnobs { currentKnobs }

    /// Replaces every knob.
    public func setKnobs(_ knobs: ERPSimulatorKnobs) {
        currentKnobs = knobs
    }

    /// Sets the knobs `update` names, keeps the others; returns the knobs now in force.
    @discardableResult
    public func apply(_ update: ERPKnobsUpdate) -> ERPSimulatorKnobs {
        currentKnobs = currentKnobs.updated(with: update)
        return currentKnobs
    }

    /// Starts (true) or ends (false) a simulated outage.
    public func setOutage(_ outage: Bool) {
        currentKnobs = currentKnobs.with(outage: outage)
    }

    // MARK: Receiving

    /// Handles one post of a document, as `POST /erp/v1/<kind>` does after its latency:
    ///
    /// 1. during an outage: ``ERPReceiveOutcome/unavailable(retryAfter:)``;
    /// 2. a missing or invalid `Idempotency-Key`, or a body that is not a JSON object:
    ///    ``ERPReceiveOutcome/rejected(_:)``;
    /// 3. chosen by the error-rate knob: ``ERPReceiveOutcome/failedByErrorRate(errorRatePercent:)``;
    /// 4. a known key: ``ERPReceiveOutcome/duplicate(_:conflictingBody:)`` with the original number;
    /// 5. otherwise the document is recorded with the kind's next number: ``ERPReceiveOutcome/created(_:)``.
    ///
    /// Only 4 and 5 record anything; every post is counted.
    ///
    /// - Parameters:
    ///   - idempotencyKeys: the values of the `Idempotency-Key` header (exactly one is valid).
    ///   - body: the request body as received.
    public func receive(kind: ERPDocumentKind, idempotencyKeys: [String], body: Data) -> ERPReceiveOutcome {
        counters[kind, default: ERPKindStatistics()].requests += 1
        if currentKnobs.outage {
            counters[kind, default: ERPKindStatistics()].failedByKnob += 1
            return .unavailable(retryAfter: Self.outageRetryAfter)
        }
        let idempotencyKey: String
        let document: JSONValue
        switch Self.parse(idempotencyKeys: idempotencyKeys, body: body) {
        case .success(let parsed):
            (idempotencyKey, document) = parsed
        case .failure(let rejection):
            counters[kind, default: ERPKindStatistics()].invalid += 1
            return .rejected(rejection)
        }
        let errorRate = currentKnobs.errorRatePercent
        if errorRate > 0, Int.random(in: 0..<100, using: &randomSource) < errorRate {
            counters[kind, default: ERPKindStatistics()].failedByKnob += 1
            return .failedByErrorRate(errorRatePercent: errorRate)
        }
        return record(kind: kind, idempotencyKey: idempotencyKey, body: document)
    }

    /// A single key convenience for ``receive(kind:idempotencyKeys:body:)``; nil means no header.
    public func receive(kind: ERPDocumentKind, idempotencyKey: String?, body: Data) -> ERPReceiveOutcome {
        receive(kind: kind, idempotencyKeys: idempotencyKey.map { [$0] } ?? [], body: body)
    }

    private func record(kind: ERPDocumentKind, idempotencyKey: String, body: JSONValue) -> ERPReceiveOutcome {
        if let position = recordPositions[kind]?[idempotencyKey] {
            let conflicting = records[position].body != body
            records[position].deliveries += 1
            counters[kind, default: ERPKindStatistics()].duplicates += 1
            if conflicting {
                records[position].conflicts += 1
                counters[kind, default: ERPKindStatistics()].conflicts += 1
            }
            let receipt = ERPReceipt(documentNumber: records[position].documentNumber, idempotencyKey: idempotencyKey, duplicate: true)
            return .duplicate(receipt, conflictingBody: conflicting)
        }
        let number = lastNumbers[kind, default: 0] + 1
        lastNumbers[kind] = number
        let document = ERPReceivedDocument(
            kind: kind, documentNumber: kind.documentNumber(number), idempotencyKey: idempotencyKey,
            receivedAt: Date(), deliveries: 1, conflicts: 0, body: body
        )
        recordPositions[kind, default: [:]][idempotencyKey] = records.count
        records.append(document)
        counters[kind, default: ERPKindStatistics()].documents += 1
        return .created(ERPReceipt(documentNumber: document.documentNumber, idempotencyKey: idempotencyKey, duplicate: false))
    }

    private static func parse(idempotencyKeys: [String], body: Data) -> Result<(String, JSONValue), ERPRequestRejection> {
        if let rejection = ERPRequestRejection.checkIdempotencyKey(idempotencyKeys) {
            return .failure(rejection)
        }
        guard let key = idempotencyKeys.first else { return .failure(.missingIdempotencyKey) }
        let document: JSONValue
        do {
            document = try JSONValue(data: body)
        } catch {
            return .failure(.bodyNotJSON)
        }
        guard case .object = document else { return .failure(.bodyNotObject(foundType: document.typeName)) }
        return .success((key, document))
    }

    // MARK: Records

    /// The recorded documents in order of first receipt; only those of `kind` when given.
    public func documents(kind: ERPDocumentKind? = nil) -> [ERPReceivedDocument] {
        guard let kind else { return records }
        return records.filter { $0.kind == kind }
    }

    /// The document recorded for a key, if any.
    public func document(kind: ERPDocumentKind, idempotencyKey: String) -> ERPReceivedDocument? {
        recordPositions[kind]?[idempotencyKey].map { records[$0] }
    }

    /// The counters, in total and per kind.
    public func statistics() -> ERPSimulatorStatistics {
        ERPSimulatorStatistics(byKind: counters)
    }

    /// Forgets every document, restarts every numbering series at 1 and zeroes the counters; the knobs stay.
    public func reset() {
        records.removeAll()
        recordPositions.removeAll()
        lastNumbers.removeAll()
        counters.removeAll()
    }
}
