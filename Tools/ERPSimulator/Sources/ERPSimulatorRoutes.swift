import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// The simulated ERP's HTTP API, over an ``ERPSimulatorState``.
///
/// - `POST /erp/v1/sales-orders`, `POST /erp/v1/journal-batches`: the ERP itself (see
///   ``ERPSimulatorState/receive(kind:idempotencyKeys:body:)``), after the latency knob's wait.
/// - `GET`/`PUT /simulator/knobs`, `GET`/`DELETE /simulator/documents`, `GET /simulator/stats`: control and
///   inspection for tests and operators.
struct ERPSimulatorRoutes: Sendable {
    let state: ERPSimulatorState

    /// The header that makes a post idempotent, lower-cased as HTTP field names compare.
    static let idempotencyKeyHeader = "idempotency-key"

    func register(on router: ServiceRouter) {
        let state = state
        for kind in ERPDocumentKind.allCases {
            router.post(RouterPath(kind.path)) { request, context in
                try await Self.receive(kind, request: request, context: context, state: state)
            }
        }
        router.get("/simulator/knobs") { _, _ in
            try StableJSONResponseEncoder.response(await state.knobs, status: .ok)
        }
        router.put("/simulator/knobs") { request, context in
            let json = try await request.decodeJSON(as: JSONValue.self, context: context)
            guard case .object(let members) = json else {
                throw ProblemDetails.invalidRequestBody(
                    "The body must be a JSON object with any of latencyMilliseconds, errorRatePercent and outage.",
                    errors: [ProblemDetails.FieldError(pointer: "", detail: "expected a JSON object; found a JSON \(json.typeName)")]
                )
            }
            let update: ERPKnobsUpdate
            do throws(ERPKnobsError) {
                update = try ERPKnobsUpdate(members: members)
            } catch {
                throw ProblemDetails.validationFailed(error.errors)
            }
            return try StableJSONResponseEncoder.response(await state.apply(update), status: .ok)
        }
        router.get("/simulator/documents") { request, _ in
            let kind = try Self.kindQuery(request)
            return try StableJSONResponseEncoder.response(DocumentList(documents: await state.documents(kind: kind)), status: .ok)
        }
        router.delete("/simulator/documents") { _, _ in
            await state.reset()
            return Response(status: .noContent)
        }
        router.get("/simulator/stats") { _, _ in
            try StableJSONResponseEncoder.response(await state.statistics(), status: .ok)
        }
    }

    /// `GET /simulator/documents`'s answer.
    struct DocumentList: Codable, Sendable {
        var documents: [ERPReceivedDocument]
    }

    private static func receive(
        _ kind: ERPDocumentKind,
        request: Request,
        context: ServiceRequestContext,
        state: ERPSimulatorState
    ) async throws -> Response {
        let latency = await state.knobs.latency
        if latency > .zero {
            // A cancelled wait (shutdown) just ends early; the request is still answered.
            try? await Task.sleep(for: latency)
        }
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let keys = request.headers.filter { $0.name.canonicalName == idempotencyKeyHeader }.map(\.value)
        let outcome = await state.receive(kind: kind, idempotencyKeys: keys, body: Data(body.readableBytesView))
        switch outcome {
        case .created(let receipt):
            return try StableJSONResponseEncoder.response(receipt, status: .created)
        case .duplicate(let receipt, _):
            return try StableJSONResponseEncoder.response(receipt, status: .ok)
        case .rejected(let rejection):
            throw Self.problem(for: rejection)
        case .unavailable(let retryAfter):
            throw ProblemDetails(
                type: "urn:wholesail:problem:erp-outage", title: "The ERP is unavailable",
                status: .serviceUnavailable,
                detail: "The ERP simulator is in a simulated outage; nothing was recorded. Retry later with the same Idempotency-Key.",
                retryAfter: retryAfter
            )
        case .failedByErrorRate(let errorRatePercent):
            throw ProblemDetails(
                type: "urn:wholesail:problem:erp-simulated-failure", title: "The ERP failed to process the document",
                status: .internalServerError,
                detail: "Simulated failure (errorRatePercent is \(errorRatePercent)); nothing was recorded. Retry with the same Idempotency-Key."
            )
        }
    }

    private static func problem(for rejection: ERPRequestRejection) -> ProblemDetails {
        switch rejection {
        case .missingIdempotencyKey, .invalidIdempotencyKey:
            ProblemDetails(
                type: "urn:wholesail:problem:invalid-idempotency-key", title: "The Idempotency-Key header is missing or invalid",
                status: .badRequest, detail: rejection.description
            )
        case .bodyNotJSON, .bodyNotObject:
            .invalidRequestBody(rejection.description, errors: [ProblemDetails.FieldError(pointer: "", detail: rejection.description)])
        }
    }

    /// The `kind` query parameter: nil when absent, 400 when not a known kind.
    private static func kindQuery(_ request: Request) throws -> ERPDocumentKind? {
        guard let text = request.uri.queryParameters["kind"].map(String.init) else { return nil }
        guard let kind = ERPDocumentKind(rawValue: text) else {
            let known = ERPDocumentKind.allCases.map(\.rawValue).joined(separator: ", ")
            let detail = "\"\(text)\" is not a document kind; use one of \(known), or leave kind out for all"
            throw ProblemDetails(
                type: "urn:wholesail:problem:invalid-query", title: "The query is invalid", status: .badRequest,
                detail: detail, errors: [ProblemDetails.FieldError(pointer: "?kind", detail: detail)]
            )
        }
        return kind
    }
}
