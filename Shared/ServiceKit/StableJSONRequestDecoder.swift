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
        // Byte-level: this runs on every request, and Foundation's trimming bridged through NSString.
        var mediaType = Substring(contentType).utf8.prefix { $0 != UInt8(ascii: ";") }
        while let first = mediaType.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { mediaType = mediaType.dropFirst() }
        while let last = mediaType.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { mediaType = mediaType.dropLast() }
        let lowered = mediaType.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 + 32 : $0 }
        let applicationPrefix = Array("application/".utf8)
        let jsonSuffix = Array("+json".utf8)
        return lowered.elementsEqual("application/json".utf8)
            || (lowered.starts(with: applicationPrefix) && lowered.count > applicationPrefix.count + jsonSuffix.count
                && lowered.suffix(jsonSuffix.count).elementsEqual(jsonSuffix))
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
