import Foundation

/// Where the benchmark writes: figures to standard output, progress and errors to standard error.
enum Console {
    /// One line of progress (standard error), so the table on standard output stays clean.
    static func progress(_ line: String) {
        FileHandle.standardError.write(Data("  · \(line)\n".utf8))
    }

    /// One line on standard error.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data("\(line)\n".utf8))
    }

    /// One line on standard output.
    static func output(_ line: String = "") {
        FileHandle.standardOutput.write(Data("\(line)\n".utf8))
    }
}
