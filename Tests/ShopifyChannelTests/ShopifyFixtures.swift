import Foundation

/// Reads this target's fixtures (`Fixtures/`, next to this file) and the shared public samples (`../shared/samples`
/// beside the checkout), by path from `#filePath` because the package declares no test resources.
enum ShopifyFixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let samplesDirectory = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/samples")

    struct MissingFixture: Error, CustomStringConvertible {
        var path: String
        var description: String { "fixture \(path) cannot be read" }
    }

    /// The exact bytes of `Fixtures/<name>`.
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = testsDirectory.appendingPathComponent("Fixtures").appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw MissingFixture(path: url.path) }
        return [UInt8](data)
    }

    /// The files in `shared/samples/<folder>` with the given extension, sorted; empty when the samples are absent.
    static func sampleFiles(in folder: String, extension fileExtension: String) -> [String] {
        let directory = samplesDirectory.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix("." + fileExtension) }.sorted()
    }

    /// The exact bytes of `shared/samples/<relativePath>`.
    static func sampleBytes(_ relativePath: String) throws -> [UInt8] {
        let url = samplesDirectory.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw MissingFixture(path: url.path) }
        return [UInt8](data)
    }
}
