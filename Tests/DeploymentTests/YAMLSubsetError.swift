/// A deployment file uses YAML outside the subset ``YAMLDocument`` reads (or is not valid YAML): which line, and why.
struct YAMLSubsetError: Error, CustomStringConvertible {
    let line: Int
    let reason: String

    init(line: Int, _ reason: String) {
        self.line = line
        self.reason = reason
    }

    var description: String {
        "line \(line): \(reason) (keep deployment files within the subset YAMLDocument documents, or extend it)"
    }
}
