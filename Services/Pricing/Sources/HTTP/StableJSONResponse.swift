import Contracts
import Hummingbird

/// A JSON response encoded with ``StableJSON`` with a chosen status.
enum StableJSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        let data = try StableJSON.encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
