import IdlintSyntax

extension TokenAutomount {
    /// What makes a mounted token worth stealing: reading or writing secrets, running
    /// pods or writing pod templates (and so borrowing any account's token), exec into
    /// running pods, minting tokens, changing RBAC, impersonating. The same permissions
    /// as the grant rules that report them on their own; a lease or an event, which every
    /// controller writes, is not among them.
    static let sensitivePatterns: [GrantPattern] = [
        GrantPattern(actions: ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"], resources: ["secrets"], apiGroups: [""]),
        GrantPattern(actions: ["create"], resources: ["pods", "serviceaccounts/token"], apiGroups: [""]),
        GrantPattern(actions: ["create", "get"], resources: ["pods/exec", "pods/attach"], apiGroups: [""]),
        GrantPattern(actions: ["create", "update", "patch"], resources: ["replicationcontrollers"], apiGroups: [""]),
        GrantPattern(actions: ["create", "update", "patch"], resources: ["deployments", "statefulsets", "daemonsets", "replicasets"], apiGroups: ["apps"]),
        GrantPattern(actions: ["create", "update", "patch"], resources: ["jobs", "cronjobs"], apiGroups: ["batch"]),
        GrantPattern(actions: ["create", "update", "patch", "delete", "escalate", "bind"], resources: ["roles", "clusterroles", "rolebindings", "clusterrolebindings"],
                     apiGroups: ["rbac.authorization.k8s.io"]),
        GrantPattern(actions: ["impersonate"], resources: ["users", "groups", "serviceaccounts"], apiGroups: [""]),
        GrantPattern(actions: ["get", "create"], resources: ["nodes/proxy"], apiGroups: [""]),
    ]

    /// A workload whose pods get a token that holds sensitive permissions in the scanned
    /// files, through a binding of its own account, of its namespace's accounts, or of
    /// every account. Whoever runs code in any of its containers holds them too.
    @Sendable static func sensitive(_ rule: Rule, _ context: ModelContext) -> [Finding] {
        // Grant sets by the subjects they reach, so each workload looks at its own.
        var setsByHolder: [PrincipalRef: [Int]] = [:]
        for (index, set) in context.grantSets.enumerated() where set.platform == .kubernetes && set.isBound {
            for subject in set.subjects where subject.principal.kind == "ServiceAccount" || subject.principal.kind == "Group" {
                var holder = subject.principal
                if holder.kind == "Group" { holder.namespace = nil }
                setsByHolder[holder, default: []].append(index)
            }
        }
        guard !setsByHolder.isEmpty else { return [] }
        let insideNamespace = sensitivePatterns.map { $0.reachableInsideNamespace() }
        let anywhere = sensitivePatterns.map(Optional.some)
        // A set the index shows to grant none of them is not read (most sets, most corpora).
        let masks = context.statementIndex.masks(for: sensitivePatterns)
        // What a token holds depends on its account alone, and many workloads share one
        // account (and every account the groups' sets): each set and each account is
        // judged once, however many workloads mount it.
        var pairsBySet: [Int: [(action: String, resource: String)]] = [:]
        var permissionsByAccount: [PrincipalRef: String?] = [:]
        func permissions(of account: PrincipalRef) -> String? {
            let groups = everyAccountGroups.union([namespaceGroup(of: account)])
            let holders = [account] + groups.sorted().map { PrincipalRef(platform: .kubernetes, kind: "Group", name: $0) }
            var pairs: [(action: String, resource: String)] = []
            var seenSets = Set<Int>()
            for holder in holders {
                for index in setsByHolder[holder] ?? [] where seenSets.insert(index).inserted {
                    if let known = pairsBySet[index] {
                        pairs += known
                        continue
                    }
                    guard context.statementIndex.anyAllowMayAllow(set: index, masks) else {
                        pairsBySet[index] = []
                        continue
                    }
                    let set = context.grantSets[index]
                    // Wherever the grant applies: a RoleBinding in another namespace still
                    // lets the token read that namespace's secrets.
                    let found = sensitivePermissions(set.statements, ScopeFilter.namespace.accepts(set.scope) ? insideNamespace : anywhere)
                    pairsBySet[index] = found
                    pairs += found
                }
            }
            return pairs.isEmpty ? nil : GrantRuleEvaluator.describe(pairs)
        }
        var findings: [Finding] = []
        let workloads = context.model.kubernetes.workloads
        for mount in mounts(context.model.kubernetes) {
            // Read in place, as in `mounts`: a copy of each workload cost more than judging it.
            let account = workloads[mount.index].serviceAccount
            let described = permissionsByAccount[account] ?? {
                let made = permissions(of: account)
                permissionsByAccount[account] = made
                return made
            }()
            guard let described, let location = workloads[mount.index].podSpecLocation else { continue }
            let ref = workloads[mount.index].ref
            findings.append(finding(rule, kind: ref.kind, name: ref.name, account: account, at: location,
                                    path: "\(ref)#serviceAccount", permissions: described))
        }
        return findings
    }

    private static let everything = (action: "do anything ('*') to", resource: "every resource ('*')")

    /// The sensitive verbs and resources the statements allow, as they read in a message.
    /// Statements narrowed by resourceNames do not count, as in the grant rules.
    private static func sensitivePermissions(_ statements: [PermissionStatement], _ patterns: [GrantPattern?]) -> [(action: String, resource: String)] {
        var pairs: [(action: String, resource: String)] = []
        for statement in statements where !statement.isDeny && !statement.isNarrowed {
            for pattern in patterns {
                guard let pattern, let allowance = pattern.allowance(in: statement) else { continue }
                // Everything on everything: one pair says it, not one per pattern.
                if allowance.isFullWildcard {
                    if !pairs.contains(where: { $0 == Self.everything }) { pairs.append(Self.everything) }
                    break
                }
                for action in allowance.actions.prefix(16) {
                    for resource in allowance.resources.prefix(16) {
                        let pair = (pattern.display(action: action.value), pattern.display(resource: resource.value))
                        if !pairs.contains(where: { $0 == pair }) { pairs.append(pair) }
                    }
                }
            }
        }
        return pairs
    }
}
