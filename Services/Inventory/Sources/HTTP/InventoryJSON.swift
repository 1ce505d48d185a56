import Contracts
import Hummingbird

/// A JSON response encoded with ``StableJSON`` with a chosen status.
enum InventoryJSON {
    static func response(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try StableJSON.encode(value)))
        )
    }
}
