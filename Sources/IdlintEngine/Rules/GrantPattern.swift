import FoundationEssentials

/// A permission that a rule looks for, matched with the platforms' wildcard semantics:
/// a granted `*` allows every verb, `*/scale` every scale subresource, and an IAM
/// action with wildcards (`iam:*`, `iam:Pass*`) every action it matches, ignoring case.
public struct GrantPattern: Sendable, Hashable {
    // Arrays, not sets: a pattern names a handful of values, where a linear scan beats hashing.
    public var actions: [String]
    public var resources: [String]
    /// Empty means any API group.
    public var apiGroups: [String]
    /// The named action set the actions come from (`action-set:` in a rule), filled in
    /// once every data file has been read.
    public var actionSet: String?
    /// Objects the rule is about (the `privileged` SCC): a statement narrowed by
    /// resourceNames meets the pattern when it names one of them. Empty: narrowed
    /// statements are left to `include-narrowed`.
    public var resourceNames: [String]

    /// `actions` arranged for matching.
    private let index: ActionIndex
    /// The wanted resources that are ARN patterns, as (service and region, resource) —
    /// the parts that granted ARNs are compared on, partition and account being any.
    let wantedARNs: [ARNParts]

    public init(actions: [String], resources: [String], apiGroups: [String], actionSet: String? = nil, resourceNames: [String] = []) {
        self.init(actions: actions, index: ActionIndex(actions), resources: resources, apiGroups: apiGroups, actionSet: actionSet,
                  resourceNames: resourceNames)
    }

    private init(actions: [String], index: ActionIndex, resources: [String], apiGroups: [String], actionSet: String?, resourceNames: [String]) {
        self.actions = actions
        self.index = index
        self.resources = resources
        self.apiGroups = apiGroups
        self.actionSet = actionSet
        self.resourceNames = resourceNames
        wantedARNs = resources.compactMap(Self.arnParts)
    }

    /// The wanted actions a granted glob can match: those of its service when the glob
    /// names one (`s3:Put*`), else all.
    private func candidates(for glob: String) -> [String] {
        guard !index.byService.isEmpty, let colon = glob.firstIndex(of: ":"),
              !glob[..<colon].contains(where: { $0 == "*" || $0 == "?" })
        else { return actions }
        return index.byService[glob[..<colon].lowercased()[...]] ?? []
    }

    /// The pattern with its action set's actions in place.
    func resolving(_ sets: [String: ActionSet]) -> GrantPattern? {
        guard let actionSet else { return self }
        guard let set = sets[actionSet] else { return nil }
        return GrantPattern(actions: set.actions, index: set.index, resources: resources, apiGroups: apiGroups, actionSet: actionSet,
                            resourceNames: resourceNames)
    }

    /// The wanted actions that a set of statements leaves possible: `denies` are its
    /// unconditional Deny statements (IAM), and a wanted action they deny on every
    /// resource is not allowed, whatever an Allow says; a `boundary` (an IAM permission
    /// boundary that was found) must allow it too. Nil when neither takes anything away.
    /// It depends on the set only, so it is worked out once per set, not per statement.
    func permittedActions(deniedBy denies: [PermissionStatement], boundedBy boundary: [PermissionStatement]?) -> Set<String>? {
        let denied = denies.filter { deny in deny.resources.contains { $0.value == "*" } && deny.actions.contains { allows(action: $0.value) } }
        guard !denied.isEmpty || boundary != nil else { return nil }
        var permitted = boundary.map(actionsAllowed(byBoundary:)) ?? Set(actions)
        for deny in denied where !permitted.isEmpty { permitted.subtract(wantedActions(reachedBy: deny.actions)) }
        return permitted
    }

    /// The statement's verbs and resources that make it allow this pattern, or nil when
    /// it does not. `permitted` is what the statement's set leaves possible
    /// (`permittedActions`), read only for a statement that passes the cheap checks.
    func allowance(in statement: PermissionStatement, permitted: () -> Set<String>? = { nil }) -> Allowance? {
        // Platforms without API groups (IAM) are "every group".
        let everyGroup = statement.apiGroups.isEmpty || statement.apiGroups.contains { $0.value == "*" }
        if !apiGroups.isEmpty {
            guard statement.apiGroups.contains(where: { $0.value == "*" || apiGroups.contains($0.value) }) else { return nil }
        }
        if !resourceNames.isEmpty, statement.isNarrowed {
            guard statement.resourceNames.contains(where: { resourceNames.contains($0.value) }) else { return nil }
        }
        // Cheap checks first: most statements allow nothing a given rule looks for.
        guard statement.actions.contains(where: { allows(action: $0.value) }),
              statement.resources.contains(where: { granted in covers(granted.value) })
        else { return nil }
        let isComplement = statement.excludedActions != nil || statement.excludedResources != nil
        var reachedThroughNotAction: [String]?
        if isComplement {
            // NotAction or NotResource: '*' but what they leave out, which may be all that is wanted.
            var reached = wantedActions(reachedBy: statement)
            guard !reached.isEmpty, reachesWantedResource(statement) else { return nil }
            if let permitted = permitted() {
                reached = reached.filter(permitted.contains)
                guard !reached.isEmpty else { return nil }
            }
            if statement.excludedActions != nil { reachedThroughNotAction = reached }
        } else if let permitted = permitted() {
            guard wantedActions(reachedBy: statement.actions).contains(where: permitted.contains) else { return nil }
        }
        return Allowance(actions: statement.actions.filter { allows(action: $0.value) },
                         resources: statement.resources.filter { covers($0.value) }, everyGroup: everyGroup, isComplement: isComplement,
                         reachedThroughNotAction: reachedThroughNotAction)
    }

    /// The wanted actions a statement reaches: for a NotAction, those of its '*' that it
    /// does not leave out. A left-out glob leaves out a wanted action (or wanted glob) it
    /// matches as text, so `NotAction: iam:*` leaves out `iam:PassRole` and `iam:*`.
    func wantedActions(reachedBy statement: PermissionStatement) -> [String] {
        let reached = wantedActions(reachedBy: statement.actions)
        guard let excluded = statement.excludedActions, !reached.isEmpty else { return reached }
        let globs = excluded.map { GlobPattern.overText($0.value, caseInsensitive: true) }
        return reached.filter { wanted in !globs.contains { $0.matches(wanted) } }
    }

    /// Whether a statement's resources reach one this pattern wants: for a NotResource,
    /// whether some wanted resource is not among those it leaves out (ARNs compare exactly).
    private func reachesWantedResource(_ statement: PermissionStatement) -> Bool {
        guard statement.resources.contains(where: { covers($0.value) }) else { return false }
        guard let excluded = statement.excludedResources else { return true }
        let globs = excluded.map { GlobPattern.overText($0.value) }
        return resources.contains { wanted in !globs.contains { $0.matches(wanted) } }
    }

    /// Whether a granted action reaches one this pattern wants.
    func allows(action granted: String) -> Bool {
        if granted == "*" { return true }
        // Kubernetes verbs compare exactly; cloud actions ignore case and may be globs.
        guard Self.isCloudAction(granted) else { return actions.contains(granted) }
        guard Self.hasWildcard(granted) else { return index.folded.contains(granted.lowercased()) }
        let glob = GlobPattern.overText(granted, caseInsensitive: true)
        return candidates(for: granted).contains { glob.matches($0) }
    }

    /// The wanted actions that some of the granted ones reach, each glob compiled once.
    func wantedActions(reachedBy granted: StatementValues) -> [String] {
        if granted.contains(where: { $0.value == "*" }) { return actions }
        var globs: [GlobPattern] = []
        var exact = Set<String>()
        var exactCloud = Set<String>()
        for value in granted {
            if !Self.isCloudAction(value.value) {
                exact.insert(value.value)
            } else if Self.hasWildcard(value.value) {
                globs.append(GlobPattern.overText(value.value, caseInsensitive: true))
            } else {
                exactCloud.insert(value.value.lowercased())
            }
        }
        return actions.indices.compactMap { index in
            exact.contains(actions[index]) || exactCloud.contains(self.index.foldedList[index]) || globs.contains { $0.matches(actions[index]) }
                ? actions[index] : nil
        }
    }

    /// The wanted actions that a permission boundary allows: an unconditional Allow of
    /// the boundary reaches them on the wanted resources, and no unconditional Deny of it
    /// takes them away on every resource.
    private func actionsAllowed(byBoundary boundary: [PermissionStatement]) -> Set<String> {
        var allowed = Set<String>()
        for statement in boundary where !statement.isDeny && !statement.isNarrowed && reachesWantedResource(statement) {
            allowed.formUnion(wantedActions(reachedBy: statement))
        }
        for deny in boundary where deny.isDeny && !deny.isNarrowed && deny.resources.contains(where: { $0.value == "*" }) {
            allowed.subtract(wantedActions(reachedBy: deny.actions))
        }
        return allowed
    }

    /// `service:Action` (AWS) and `Provider/type/action` (Azure) compare ignoring case, with
    /// wildcards. Kubernetes verbs have neither a colon nor a slash.
    private static func isCloudAction(_ action: String) -> Bool {
        action.utf8.contains { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "/") }
    }

    private static func hasWildcard(_ action: String) -> Bool {
        action.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }
    }

    struct Allowance {
        var actions: [Located<String>]
        var resources: [Located<String>]
        var everyGroup: Bool
        /// The statement's '*' is a NotAction's or NotResource's: everything but a list.
        var isComplement = false
        /// The wanted actions a NotAction's '*' reaches, for the message.
        var reachedThroughNotAction: [String]? = nil

        /// `*` verbs on `*` resources of every API group: admin, reported once by the
        /// admin-binding and wildcard rules instead of by every specific rule. The same in
        /// one API group is not admin, so the specific rules still report it; nor is
        /// everything but a list (NotAction, NotResource), which they report too.
        var isFullWildcard: Bool {
            !isComplement && everyGroup && actions.contains { $0.value == "*" } && resources.contains { $0.value == "*" }
        }
    }

    /// How a granted value reads in a message: wildcards say what they are, and a
    /// NotAction's or NotResource's '*' what it leaves out.
    func display(action granted: String, excluding excluded: [Located<String>]? = nil, reaching reached: [String]? = nil) -> String {
        guard granted == "*" else { return granted }
        guard let excluded else { return "do anything ('*') to" }
        // The few wanted actions it reaches say more than "anything but"; an action set's hundreds do not.
        if let reached, !reached.isEmpty, reached.count <= 5 {
            return reached.joined(separator: ", ") + " (through a NotAction that leaves out " + Self.list(excluded) + ")"
        }
        return "any action but " + Self.list(excluded) + " (NotAction)"
    }

    func display(resource granted: String, excluding excluded: [Located<String>]? = nil) -> String {
        guard granted == "*" else { return granted }
        if let excluded { return "on every resource but " + Self.list(excluded) + " (NotResource)" }
        // IAM rules look for '*' itself (and ARN patterns as broad); Kubernetes rules name what '*' reaches.
        let isCloudRule = resources.first == "*" && resources.allSatisfy { $0 == "*" || $0.hasPrefix("arn:") }
        return isCloudRule ? "on every resource ('*')" : resources.joined(separator: ", ") + " (through '*')"
    }

    /// At most five values, then how many more.
    private static func list(_ values: [Located<String>]) -> String {
        var seen = Set<String>()
        let distinct = values.map(\.value).filter { seen.insert($0).inserted }
        guard !distinct.isEmpty else { return "nothing" }
        let shown = distinct.prefix(5).joined(separator: ", ")
        return distinct.count > 5 ? shown + " and \(distinct.count - 5) more" : shown
    }

    /// Whether a granted resource (`*`, `*/sub` or a name) reaches one this pattern wants.
    /// An ARN is compared with its partition and account read as `*`, so a rule about
    /// every role (`arn:*:iam::*:role/*`) sees `arn:aws:iam::123456789012:role/*`.
    func covers(_ granted: String) -> Bool {
        if granted == "*" || resources.contains(granted) { return true }
        if !wantedARNs.isEmpty, let parts = Self.arnParts(granted) {
            return wantedARNs.contains(parts)
        }
        return granted.hasPrefix("*/") && resources.contains { Self.resource(granted, covers: $0) }
    }

    /// `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE` as its `SERVICE:REGION` and
    /// `RESOURCE` parts, without copying; nil when the text is not an ARN.
    struct ARNParts: Hashable {
        var service: Substring
        var resource: Substring
    }

    static func arnParts(_ arn: String) -> ARNParts? {
        guard arn.hasPrefix("arn:") else { return nil }
        // Walk the bytes, not the Characters: ':' is ASCII, and this runs on every ARN.
        let bytes = arn.utf8
        var colons: [String.Index] = []
        colons.reserveCapacity(5)
        var index = bytes.startIndex
        while index < bytes.endIndex, colons.count < 5 {
            if bytes[index] == UInt8(ascii: ":") { colons.append(index) }
            index = bytes.index(after: index)
        }
        guard colons.count == 5 else { return nil }
        return ARNParts(service: arn[bytes.index(after: colons[1])..<colons[3]], resource: arn[bytes.index(after: colons[4])...])
    }

    /// Kubernetes resource matching: exact, `*`, or `*/sub` for any resource's subresource.
    static func resource(_ granted: String, covers wanted: String) -> Bool {
        if granted == "*" || granted == wanted { return true }
        if granted.hasPrefix("*/"), let slash = wanted.firstIndex(of: "/") {
            return granted.dropFirst(1) == wanted[slash...]
        }
        return false
    }
}

/// Which literal fields of a statement a wildcard rule looks at.
public enum GrantField: String, Sendable, CaseIterable {
    case actions
    case resources
    case apiGroups

    func values(of statement: PermissionStatement) -> StatementValues {
        switch self {
        case .actions: statement.actions
        case .resources: statement.resources
        case .apiGroups: statement.apiGroups
        }
    }
}

/// Which principals a grant rule is about.
public enum SubjectFilter: String, Sendable, CaseIterable {
    case agent
    case serviceAccount = "service-account"
    case user
    case group
    /// A whole domain's users (GCP `domain:`).
    case domain
    /// Everyone, or everyone signed in (GCP `allUsers`, `allAuthenticatedUsers`).
    case `public`
}

/// Where a grant rule's grants apply (`scope:` in a rule).
public enum ScopeFilter: String, Sendable, CaseIterable {
    /// A ClusterRoleBinding, or a ClusterRole that nothing in the scanned files binds.
    case cluster
    /// A RoleBinding (to a Role or a ClusterRole), or a Role that nothing binds.
    case namespace
    /// A policy document, wherever it is attached (AWS, GCP, Azure).
    case attached

    func accepts(_ scope: GrantScope) -> Bool {
        switch (self, scope) {
        case (.cluster, .cluster), (.namespace, .namespace), (.attached, .attached): true
        default: false
        }
    }
}

/// The grant half of the rule language: which grants a rule reports.
public struct GrantMatcher: Sendable {
    public var platforms: Set<Platform>
    /// true: only grants that reach a subject; false: only unbound roles; nil: both.
    public var bound: Bool?
    /// Where the grants apply; empty means anywhere.
    public var scopes: Set<ScopeFilter> = []
    /// The kinds of principal a rule is about; empty means any.
    public var subjects: Set<SubjectFilter>
    /// Every listed field must hold a literal `*`.
    public var wildcard: [GrantField]
    /// At least one pattern must be allowed (when any are given).
    public var allows: [GrantPattern]
    /// Every pattern must be allowed, possibly by different statements of one grantee:
    /// permissions that are dangerous only together.
    public var allowsAll: [GrantPattern]
    /// When a rule names alternative combinations (`allows-any-combination`), where each
    /// ends in `allowsAll`: one complete combination is enough. Empty: `allowsAll` is one.
    public var combinationEnds: [Int] = []
    /// The combinations as ranges of `allowsAll`.
    var combinations: [Range<Int>] {
        guard !combinationEnds.isEmpty else { return [0..<allowsAll.count] }
        return zip([0] + combinationEnds.dropLast(), combinationEnds).map { $0..<$1 }
    }
    /// Whether statements narrowed by resourceNames count.
    public var includeNarrowed: Bool
    /// Whether a statement of `*` verbs on `*` resources counts as allowing the pattern.
    /// Off by default: the wildcard and admin-binding rules report those once, instead of
    /// every specific rule reporting them again.
    public var includeFullWildcards: Bool

    public init(platforms: Set<Platform>, bound: Bool?, subjects: Set<SubjectFilter>, wildcard: [GrantField], allows: [GrantPattern],
                allowsAll: [GrantPattern] = [], includeNarrowed: Bool, includeFullWildcards: Bool) {
        self.platforms = platforms
        self.bound = bound
        self.subjects = subjects
        self.wildcard = wildcard
        self.allows = allows
        self.allowsAll = allowsAll
        self.includeNarrowed = includeNarrowed
        self.includeFullWildcards = includeFullWildcards
    }
}
