import Foundation
import Testing
import X12

/// Locates this target's fixtures and the shared samples through `#filePath` (no bundle resources).
enum X12TestFiles {
    /// `Tests/X12Tests/Fixtures`.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// `<repo>/../shared/samples/edi-x12`: present on the team machine, absent in a clean clone.
    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/samples/edi-x12")

    /// Sample file names that exist (none in a clean clone, so parameterized tests run zero cases).
    static func sampleNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? []
        return names.filter { $0.hasSuffix(".edi") }.sorted()
    }

    /// Fixture file names of this target.
    static func fixtureNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return names.filter { $0.hasSuffix(".edi") }.sorted()
    }

    static func fixtureBytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    static func sampleBytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: samples.appendingPathComponent(name)))
    }

    /// Reads a fixture, requiring that its ISA was readable.
    static func fixture(_ name: String) throws -> X12Interchange {
        try #require(X12Reader.read(try fixtureBytes(name)).interchange)
    }

    /// Reads a sample, requiring that its ISA was readable.
    static func sample(_ name: String) throws -> X12Interchange {
        try #require(X12Reader.read(try sampleBytes(name)).interchange)
    }
}
