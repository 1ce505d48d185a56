/// A parsed YAML value: the deployment tests read docker-compose.yml and the Kubernetes manifests through it.
///
/// Scalars stay text (`"2"`, `"true"`, `"8080"`): the tests compare them as the files spell them. An empty value
/// (`key:` with nothing below) is the empty scalar.
enum YAMLNode: Hashable, Sendable {
    case scalar(String)
    case sequence([YAMLNode])
    case mapping([String: YAMLNode])

    /// The value under `key` when this is a mapping.
    subscript(key: String) -> YAMLNode? {
        guard case .mapping(let entries) = self else { return nil }
        return entries[key]
    }

    /// The value at a path of mapping keys, e.g. `manifest["spec", "template", "spec"]`.
    subscript(first: String, second: String, rest: String...) -> YAMLNode? {
        rest.reduce(self[first]?[second]) { node, key in node?[key] }
    }

    var string: String? {
        guard case .scalar(let text) = self else { return nil }
        return text
    }

    var items: [YAMLNode]? {
        guard case .sequence(let items) = self else { return nil }
        return items
    }

    var entries: [String: YAMLNode]? {
        guard case .mapping(let entries) = self else { return nil }
        return entries
    }

    /// A mapping of scalars as a dictionary of strings (environment blocks, labels, ConfigMap data).
    var stringEntries: [String: String]? {
        guard let entries else { return nil }
        var strings: [String: String] = [:]
        for (key, value) in entries {
            guard let text = value.string else { return nil }
            strings[key] = text
        }
        return strings
    }

    /// A sequence of scalars as strings (commands, health check tests, port lists).
    var strings: [String]? {
        guard let items else { return nil }
        let strings = items.compactMap(\.string)
        return strings.count == items.count ? strings : nil
    }
}
