import Foundation

/// The checkout's root folder, found from this file's path: deployment tests read the files operators use.
enum RepositoryRoot {
    static let url: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func file(_ path: String) -> URL { url.appending(path: path) }

    static func text(_ path: String) throws -> String { try String(contentsOf: file(path), encoding: .utf8) }

    /// The five services, as the local stack, compose and Kubernetes name them.
    static let services = ["pricing", "inventory", "orders", "shipments", "finance"]
}
