import Foundation

/// One schema change: SQL applied once per schema by a ``Migrator`` and recorded in `<schema>.schema_migrations`.
///
/// The SQL may hold several statements separated by semicolons. It runs inside the migrator's transaction with
/// `search_path` set to the service's schema, so unqualified names land there; it must not contain
/// `BEGIN`/`COMMIT` or statements that cannot run in a transaction (`CREATE INDEX CONCURRENTLY`). Never edit a
/// migration once applied: the migrator refuses to start when an applied migration's checksum changed; add a new
/// one instead.
public struct Migration: Sendable, Hashable {
    /// The migration's identity, recorded once applied; conventionally the file name without `.sql`.
    public var id: String
    /// The SQL to run.
    public var sql: String

    public init(id: String, sql: String) {
        self.id = id
        self.sql = sql
    }

    /// The migrations a module ships in its resource folder `Migrations` (declared `.copy("Migrations")`): pass
    /// the module's `Bundle.module` and its name for the error message.
    /// - Throws: ``MigrationError`` when the folder is missing from the bundle (an incomplete build) or unreadable.
    public static func load(bundle: Bundle, module: String) throws(MigrationError) -> [Migration] {
        guard let directory = bundle.url(forResource: "Migrations", withExtension: nil) else {
            throw .unreadableDirectory(path: "\(module).bundle/Migrations", reason: "missing from the resource bundle; the build is incomplete")
        }
        return try load(directory: directory)
    }

    /// Reads every `*.sql` file of `directory`, sorted by file name (so name them `0001_create_orders.sql`,
    /// `0002_…`); each id is the file name without its extension.
    /// - Throws: ``MigrationError`` when the directory or a file cannot be read.
    public static func load(directory: URL) throws(MigrationError) -> [Migration] {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        } catch {
            throw .unreadableDirectory(path: directory.path, reason: "\(error)")
        }
        let sqlFiles = files.filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        var migrations: [Migration] = []
        for file in sqlFiles {
            let sql: String
            do {
                sql = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw .unreadableFile(path: file.path, reason: "\(error)")
            }
            migrations.append(Migration(id: file.deletingPathExtension().lastPathComponent, sql: sql))
        }
        return migrations
    }
}
