import IdlintSyntax

/// The environments a project names in `.idlint.yaml` when its layout does not say them
/// (`clusters/eu-prod-1/`, `accounts/1234/`, `tenants/acme/`):
///
///     environments:
///       production: [clusters/eu-prod-1/, clusters/us-prod-1/]
///       staging: [clusters/staging/]
///
/// Patterns are gitignore-style, relative to the folder idlint runs in (the repository
/// root, beside `.idlint.yaml`), matched against a file and the folders above it. The
/// first environment that matches decides, before the layout is read; a Kustomize
/// overlay's folder is matched the same way.
public struct ConfiguredEnvironments: Sendable {
    struct Entry: Sendable {
        var name: String
        var paths: IgnoreRules
    }

    var entries: [Entry] = []

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    /// The environment the configuration gives a path, if any.
    public func name(of path: String) -> String? {
        let relative = FileDiscovery.display(path)
        return entries.first { $0.paths.isIgnoredWithFolders(relative) }?.name
    }

    static func parse(_ node: Node) throws -> ConfiguredEnvironments {
        _ = try node.requireMapping("environments")
        var environments = ConfiguredEnvironments()
        for (key, value) in node.entries {
            let name = key.text.lowercased()
            guard !name.isEmpty, name.holdsOnlyLettersDigits(and: "-_.") else {
                throw DataFileError(key, "an environment name holds letters, digits, '-', '_' and '.' only")
            }
            guard value.isSequence, !value.children.isEmpty, value.children.allSatisfy(\.isScalar) else {
                throw DataFileError(value, "environment \(name) needs a list of path patterns, such as [clusters/prod/]")
            }
            environments.entries.append(Entry(name: name, paths: IgnoreRules(patterns: value.children.map(\.text))))
        }
        return environments
    }
}
