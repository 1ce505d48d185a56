import Contracts
import Foundation
import Hummingbird

/// Decodes request bodies with ``StableJSON``, turning every failure into a ``ProblemDetails``: 400 with a JSON
/// pointer for a body of the wrong shape, 413 beyond the context's `maxUploadSize`, 415 for a non-JSON
/// `Content-Type`.
public struct StableJSONRequestDecoder: RequestDecoder {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        let buffer = try await Self.jsonBody(of: request, context: context)
        return try Self.decode(type, from: Data(buffer.readableBytesView))
    }

    /// The body of a JSON request, collected: 415 for a non-JSON `Content-Type`, 413 beyond the context's
    /// `maxUploadSize`. For routes that parse the bytes themselves (a hot path) and fall back to ``decode(_:from:)``.
    public static func jsonBody(of request: Request, context: some RequestContext) async throws -> ByteBuffer {
        if let contentType = request.headers[.contentType], !Self.isJSON(contentType) {
            throw ProblemDetails.unsupportedMediaType(contentType)
        }
        do {
            return try await request.body.collect(upTo: context.maxUploadSize)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw ProblemDetails.contentTooLarge(maximumBytes: context.maxUploadSize)
        }
    }

    /// Decodes JSON bytes with ``StableJSON``; a failure is a 400 ``ProblemDetails`` with a JSON pointer.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try StableJSON.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw ProblemDetails(decodingError: error)
        }
    }

    /// `application/json` or any `+json` type, parameters (`; charset=utf-8`) ignored.
    public static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }
}

extension Request {
    /// Decodes the JSON body as `type` with the context's decoder; throws ``ProblemDetails`` (400, 413, 415) that
    /// ``ProblemDetailsMiddleware`` serves as they are.
    ///
    /// ```swift
    /// router.post("/v1/orders") { request, context in
    ///     let order = try await request.decodeJSON(as: PlaceOrder.self, context: context)
    ///     …
    /// }
    /// ```
    public func decodeJSON<Value: Decodable>(as type: Value.Type, context: ServiceRequestContext) async throws -> Value {
        try await context.requestDecoder.decode(type, from: self, context: context)
    }
}
