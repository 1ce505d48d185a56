/// What wholesailctl accepts as a service name (a queue prefix) and as a schema name, checked before anything
/// connects so a typo is a usage error rather than a broker or database error.
enum NameRules {
    /// A queue prefix: 1 to 200 lower-case letters, digits, `_`, `-` or `.`, starting with a letter, digit or `_`.
    static func isServiceName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.utf8.count <= 200, first != "-", first != "." else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-" || scalar == "."
        }
    }

    /// A PostgreSQL schema name that needs no quoting: 1 to 63 lower-case letters, digits and `_`, not starting with
    /// a digit. Schema names are spliced into SQL only after this check.
    static func isSchemaName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.utf8.count <= 63, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
        }
    }
}
