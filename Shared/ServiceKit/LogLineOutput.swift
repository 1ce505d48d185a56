import Foundation
import Synchronization

/// Where ``StructuredLogHandler`` writes its lines: standard output in services, a closure in tests.
public struct LogLineOutput: Sendable {
    private let writeLine: @Sendable (String) -> Void

    /// - Parameter writeLine: receives each line without its trailing newline; called from any thread.
    public init(_ writeLine: @escaping @Sendable (String) -> Void) {
        self.writeLine = writeLine
    }

    func write(_ line: String) {
        writeLine(line)
    }

    /// Standard output, one `write(2)` per line under a lock so lines from concurrent tasks never interleave.
    public static func standardOutput() -> LogLineOutput {
        let lock = Mutex(())
        return LogLineOutput { line in
            var bytes = Array(line.utf8)
            bytes.append(UInt8(ascii: "\n"))
            lock.withLock { _ in
                bytes.withUnsafeBytes { buffer in
                    guard let base = buffer.baseAddress else { return }
                    var offset = 0
                    while offset < buffer.count {
                        let written = Foundation.write(STDOUT_FILENO, base + offset, buffer.count - offset)
                        if written > 0 {
                            offset += written
                        } else if written < 0 && errno == EINTR {
                            continue
                        } else {
                            return  // stdout is gone; dropping the line is all a logger can do
                        }
                    }
                }
            }
        }
    }
}
