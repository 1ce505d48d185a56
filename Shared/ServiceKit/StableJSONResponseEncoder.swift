import Contracts
import Hummingbird

/// Encodes route results with ``StableJSON`` (sorted keys, ISO 8601 dates with milliseconds) as `application/json`.
public struct StableJSONResponseEncoder: ResponseEncoder {
    public init() {}

    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        let data = try StableJSON.encode(value)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    /// A response with any status whose body is `value` encoded with ``StableJSON`` — for routes that answer
    /// 201 or choose the status at run time.
    public static func response(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try StableJSON.encode(value)))
        )
    }
}
