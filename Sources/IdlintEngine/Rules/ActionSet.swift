import IdlintSyntax

/// A named list of cloud actions that grant rules can look for (`action-set: NAME` in an
/// allows pattern), kept as data generated from a published source, with the source
/// recorded beside it: `rulesets/aws-action-sets.yaml`.
public struct ActionSet: Sendable {
    public var name: String
    public var description: String
    public var source: String
    public var actions: [String]

    static func parse(_ table: Node) throws -> [ActionSet] {
        _ = try table.requireMapping("'action-sets'")
        return try table.entries.map { key, entry in
            _ = try entry.requireMapping("an action set")
            try entry.allowOnly(["description", "source", "actions"], in: "an action set")
            guard let actions = try entry.stringList("actions"), !actions.isEmpty else {
                throw DataFileError(entry, "action set \(key.text) needs a non-empty 'actions' list")
            }
            return ActionSet(name: key.text, description: try entry.requiredString("description"),
                             source: try entry.requiredString("source"), actions: actions)
        }
    }
}
