import IdlintSyntax

/// A sensitive surface and which changed elements touch it, from `rulesets/surfaces.yaml`.
public struct SurfaceRule: Sendable {
    public var id: String
    public var title: String
    public var description: String
    /// `judgedByPrivileges`: the model holds what these elements grant, so the privilege
    /// delta decides (a gain needs review, a loss does not) and the element alone is not
    /// a surface change.
    var matchers: [(kinds: Set<String>, patterns: [[GlobPattern]], judgedByPrivileges: Bool)]

    /// Whether a change at `path` inside an object of `kind` touches this surface.
    func touches(kind: String, path: String) -> Bool {
        matchers.contains { matcher in
            !matcher.judgedByPrivileges && matcher.kinds.contains(kind) && matcher.patterns.contains { forms in forms.contains { $0.matches(path) } }
        }
    }

    /// A logical path pattern as `surfaces.yaml` means it: what it names and everything
    /// below it (`.rules` covers `.rules[].verbs[]`). One reading for surfaces, cosmetic
    /// elements and narrowings alike.
    static func patterns(coveringBelow path: String) -> [GlobPattern] {
        [GlobPattern(path), GlobPattern(path + ".**"), GlobPattern(path + "\\[**")]
    }

    static func parse(_ node: Node) throws -> SurfaceRule {
        _ = try node.requireMapping("a surface")
        try node.allowOnly(["id", "title", "description", "match"], in: "a surface")
        guard let list = node["match"], list.isSequence else { throw DataFileError(node, "a surface needs a 'match' list") }
        let matchers = try list.elements.map { entry -> (Set<String>, [[GlobPattern]], Bool) in
            _ = try entry.requireMapping("a surface match")
            try entry.allowOnly(["kinds", "paths", "judged-by"], in: "a surface match")
            let judgedBy = try entry.optionalString("judged-by")
            guard judgedBy == nil || judgedBy == "privileges" else { throw DataFileError(entry, "'judged-by' is 'privileges' or absent") }
            guard let kinds = try DocumentKind.list(in: entry)?.map(\.rawValue), let paths = try entry.stringList("paths") else {
                throw DataFileError(entry, "a surface match needs 'kinds' and 'paths'")
            }
            return (Set(kinds), paths.map(patterns(coveringBelow:)), judgedBy != nil)
        }
        return SurfaceRule(id: try node.requiredString("id"), title: try node.requiredString("title"),
                           description: try node.optionalString("description") ?? "", matchers: matchers)
    }
}
