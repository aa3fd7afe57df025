import IdlintSyntax

/// A named list of cloud actions that grant rules can look for (`action-set: NAME` in an
/// allows pattern), kept as data generated from a published source, with the source
/// recorded beside it: `rulesets/aws-action-sets.yaml`.
public struct ActionSet: Sendable {
    public var name: String
    public var description: String
    public var source: String
    public var actions: [String] {
        didSet { index = ActionIndex(actions) }
    }
    /// The actions arranged for matching, once per set: several rules look for the same
    /// set, and arranging its hundreds of actions for each was most of the serial end of
    /// start-up. Built as the set's file is read, on whichever core reads it.
    private(set) var index: ActionIndex

    public init(name: String, description: String, source: String, actions: [String]) {
        self.name = name
        self.description = description
        self.source = source
        self.actions = actions
        index = ActionIndex(actions)
    }

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

/// Wanted actions arranged for IAM's case-insensitive matching: in lower case, as a set
/// (an action set names hundreds) and in the order given, and by service prefix (`s3`),
/// so that a granted `s3:Put*` is compared with the S3 actions only.
struct ActionIndex: Sendable, Hashable {
    let folded: Set<String>
    let foldedList: [String]
    let byService: [Substring: [String]]

    init(_ actions: [String]) {
        foldedList = actions.map { $0.lowercased() }
        folded = Set(foldedList)
        byService = actions.count < 32 ? [:] : Dictionary(grouping: actions) { action in
            action.firstIndex(of: ":").map { action[..<$0].lowercased()[...] } ?? ""
        }
    }
}
