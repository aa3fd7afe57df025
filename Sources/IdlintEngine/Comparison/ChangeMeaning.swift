import IdlintSyntax

/// What a change to an identity object does not mean, from `rulesets/surfaces.yaml`:
/// elements that carry no meaning for access (a statement's Sid, a SAML contact, an
/// OIDC provider's documentation link), and values that are their platform's default
/// (a ServiceAccount's `automountServiceAccountToken: true`), which the gate reads as
/// if they were absent. Users extend both with a surfaces file of their own in --rules.
public struct ChangeMeaning: Sendable {
    struct Cosmetic: Sendable {
        var kinds: Set<String>
        var patterns: [GlobPattern]
    }

    struct Default: Sendable {
        var kinds: Set<String>
        var path: GlobPattern
        var value: String
    }

    /// Changes in one direction that only reduce what is allowed: a redirect URI or grant
    /// type removed, a token lifetime lowered, a condition added.
    struct Narrowing: Sendable {
        enum Direction: String, Sendable { case removed, added, decreased }
        var kinds: Set<String>
        var patterns: [GlobPattern]
        var direction: Direction
    }

    var cosmetic: [Cosmetic] = []
    var defaults: [Default] = []
    var narrowing: [Narrowing] = []

    public init() {}

    /// Whether an element at `path` of an object of `kind` carries no meaning.
    func isCosmetic(kind: String, path: String) -> Bool {
        cosmetic.contains { $0.kinds.contains(kind) && $0.patterns.contains { $0.matches(path) } }
    }

    /// The platform's value for `path` when it is not written.
    func defaultValue(kind: String, path: String) -> String? {
        defaults.first { $0.kinds.contains(kind) && $0.path.matches(path) }?.value
    }

    /// Whether this change only narrows: it matches a narrowing entry in its direction.
    func narrows(kind: String, path: String, change: ChangedElement.Change, before: Node?, after: Node?) -> Bool {
        narrowing.contains { entry in
            guard entry.kinds.contains(kind), entry.patterns.contains(where: { $0.matches(path) }) else { return false }
            switch entry.direction {
            case .removed: return change == .removed
            case .added: return change == .added
            case .decreased:
                guard change == .modified, let before, let after, let old = Double(before.text), let new = Double(after.text) else { return false }
                // Keycloak and others write 0 or -1 for "no limit": never a decrease.
                return new > 0 && old > new || (old <= 0 && new > 0)
            }
        }
    }

    mutating func parse(narrowing list: Node) throws {
        guard list.isSequence else { throw DataFileError(list, "'narrowing' must be a list") }
        for entry in list.elements {
            _ = try entry.requireMapping("a narrowing entry")
            try entry.allowOnly(["kinds", "paths", "when"], in: "a narrowing entry")
            guard let kinds = try DocumentKind.list(in: entry)?.map(\.rawValue), let paths = try entry.stringList("paths") else {
                throw DataFileError(entry, "a narrowing entry needs 'kinds' and 'paths'")
            }
            guard let direction = Narrowing.Direction(rawValue: try entry.requiredString("when")) else {
                throw DataFileError(entry, "'when' is removed, added or decreased")
            }
            narrowing.append(Narrowing(kinds: Set(kinds), patterns: paths.flatMap(SurfaceRule.patterns(coveringBelow:)), direction: direction))
        }
    }

    mutating func parse(cosmetic list: Node) throws {
        guard list.isSequence else { throw DataFileError(list, "'cosmetic' must be a list") }
        for entry in list.elements {
            _ = try entry.requireMapping("a cosmetic entry")
            try entry.allowOnly(["kinds", "paths"], in: "a cosmetic entry")
            guard let kinds = try DocumentKind.list(in: entry)?.map(\.rawValue), let paths = try entry.stringList("paths") else {
                throw DataFileError(entry, "a cosmetic entry needs 'kinds' and 'paths'")
            }
            cosmetic.append(Cosmetic(kinds: Set(kinds), patterns: paths.flatMap(SurfaceRule.patterns(coveringBelow:))))
        }
    }

    mutating func parse(defaults list: Node) throws {
        guard list.isSequence else { throw DataFileError(list, "'defaults' must be a list") }
        for entry in list.elements {
            _ = try entry.requireMapping("a default")
            try entry.allowOnly(["kinds", "path", "value"], in: "a default")
            guard let kinds = try DocumentKind.list(in: entry)?.map(\.rawValue) else { throw DataFileError(entry, "a default needs 'kinds'") }
            defaults.append(Default(kinds: Set(kinds), path: GlobPattern(try entry.requiredString("path")), value: try entry.requiredString("value")))
        }
    }
}
