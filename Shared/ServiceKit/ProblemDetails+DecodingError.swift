import Foundation

extension ProblemDetails {
    /// A 400 for a request body that did not decode, pointing at the offending member, e.g. `/lines/0/quantity`.
    public init(decodingError: DecodingError) {
        let pointer: String
        let detail: String
        switch decodingError {
        case .typeMismatch(_, let context):
            pointer = Self.jsonPointer(context.codingPath)
            detail = context.debugDescription
        case .valueNotFound(_, let context):
            pointer = Self.jsonPointer(context.codingPath)
            detail = "A value is required here but null or nothing was found."
        case .keyNotFound(let key, let context):
            pointer = Self.jsonPointer(context.codingPath + [key])
            detail = "This member is required but missing."
        case .dataCorrupted(let context):
            pointer = Self.jsonPointer(context.codingPath)
            detail = context.codingPath.isEmpty ? "The request body is not valid JSON." : context.debugDescription
        @unknown default:
            pointer = ""
            detail = "The request body does not have the expected shape."
        }
        self = .invalidRequestBody(detail, errors: [FieldError(pointer: pointer, detail: detail)])
    }

    /// The RFC 6901 pointer for a coding path: array positions become their index, `~` and `/` are escaped.
    static func jsonPointer(_ codingPath: [any CodingKey]) -> String {
        var pointer = ""
        for key in codingPath {
            pointer += "/"
            // Array elements' keys are synthesised by the decoder: intValue set, stringValue "Index N".
            if let index = key.intValue, key.stringValue == "Index \(index)" || key.stringValue == String(index) {
                pointer += String(index)
            } else {
                pointer += key.stringValue.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
            }
        }
        return pointer
    }
}
