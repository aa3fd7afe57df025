import IdlintSyntax

/// Effective Kubernetes permissions across files: each binding resolved to its role
/// (a RoleBinding to a ClusterRole grants inside the binding's namespace), aggregated
/// ClusterRoles expanded through their label selectors, built-in roles known. A role
/// defined more than once (an install bundle beside its sources) resolves to every
/// definition in the binding's environment (`Environment`): any of them may be the one
/// applied, so a stale copy cannot hide what the other grants. A bootstrap role
/// (cluster-admin, admin, edit, view) written in the scanned files does not replace the
/// built-in one: the API server adds its own permissions back at every start, unless the
/// role opts out with `rbac.authorization.kubernetes.io/autoupdate: "false"`.
struct KubernetesRBACResolver {
    /// How a binding names a role: a namespaced Role, or a ClusterRole (no namespace).
    struct RoleKey: Hashable {
        var namespace: String?
        var name: String

        init(_ ref: ObjectRef) {
            self.init(kind: ref.kind, namespace: ref.namespace, name: ref.name)
        }

        init(kind: String, namespace: String?, name: String) {
            self.namespace = kind == "Role" ? (namespace ?? "default") : nil
            self.name = name
        }
    }

    /// Built-in roles first, so that a role in the scanned files takes a built-in's name (and, when reconciled, its permissions too).
    private let roles: [KubernetesRole]
    /// Every definition of a role by its key, in scan order; a built-in only when the
    /// scanned files define none.
    private let indicesByKey: [RoleKey: [Int]]
    private let environments: [Environment]
    /// ClusterRoles that other roles may aggregate, in a fixed order for deterministic grants.
    private let clusterRoleIndices: [Int]
    private let facts: KubernetesFacts
    /// For a scanned definition of a bootstrap role that the API server reconciles, the
    /// built-in definition whose permissions it gets back.
    private let reconciledBuiltIn: [Int: Int]

    init(facts: KubernetesFacts, builtInRoles: [KubernetesRole]) {
        self.facts = facts
        let all = builtInRoles + facts.roles
        roles = all
        var indicesByKey: [RoleKey: [Int]] = [:]
        indicesByKey.reserveCapacity(all.count)
        var reconciledBuiltIn: [Int: Int] = [:]
        var builtInByKey: [RoleKey: Int] = [:]
        for (index, role) in all.enumerated() {
            let key = RoleKey(role.ref)
            // Every scanned copy of a bootstrap role is reconciled (one per environment,
            // say), unless that copy turns autoupdate off.
            if role.isBuiltIn {
                if builtInByKey[key] == nil { builtInByKey[key] = index }
            } else if role.autoupdate, let builtIn = builtInByKey[key] {
                reconciledBuiltIn[index] = builtIn
            }
            if let existing = indicesByKey[key], existing.allSatisfy({ all[$0].isBuiltIn }) {
                indicesByKey[key] = role.isBuiltIn ? existing + [index] : [index]
            } else {
                indicesByKey[key, default: []].append(index)
            }
        }
        self.indicesByKey = indicesByKey
        self.reconciledBuiltIn = reconciledBuiltIn
        environments = all.map { $0.ref.location.map(Environment.of) ?? .shared }
        clusterRoleIndices = indicesByKey.filter { $0.key.namespace == nil }.flatMap(\.value).sorted()
    }

    /// Every grant set that the facts imply: one per binding, then one per unbound role.
    func grantSets() -> [GrantSet] {
        var sets: [GrantSet] = []
        var bound = [Bool](repeating: false, count: roles.count)
        var expanded: [Int: [PermissionStatement]] = [:]
        for binding in facts.bindings where !binding.subjects.isEmpty {
            let key = RoleKey(kind: binding.roleRef.kind, namespace: binding.ref.namespace, name: binding.roleRef.name)
            let environment = binding.ref.location.map(Environment.of) ?? .shared
            for roleIndex in indicesByKey[key] ?? [] where roles[roleIndex].isBuiltIn || environments[roleIndex].meets(environment) {
            let role = roles[roleIndex]
            let statements: [PermissionStatement]
            if let known = expanded[roleIndex] {
                statements = known
            } else if role.aggregationSelectors.isEmpty, reconciledBuiltIn[roleIndex] == nil {
                statements = role.rules
                expanded[roleIndex] = statements
            } else {
                let (aggregated, sources) = effectiveStatements(of: roleIndex)
                statements = aggregated
                expanded[roleIndex] = aggregated
                // Every role aggregated into a bound role reaches its subjects too.
                for source in sources { bound[source] = true }
            }
            bound[roleIndex] = true
            let scope: GrantScope = binding.isClusterBinding ? .cluster : .namespace(binding.ref.namespace ?? "default")
            var roleRef = role.ref
            if role.isBuiltIn { roleRef.location = nil }
            sets.append(GrantSet(platform: .kubernetes, statements: statements, scope: scope, role: roleRef, binding: binding.ref, subjects: binding.subjects))
            }
        }
        for (index, role) in roles.enumerated() where !role.isBuiltIn && !bound[index] {
            let scope: GrantScope = role.isClusterRole ? .cluster : .namespace(role.ref.namespace ?? "default")
            sets.append(GrantSet(platform: .kubernetes, statements: role.rules, scope: scope, role: role.ref))
        }
        return sets
    }

    /// Own rules, those of the built-in definition the API server reconciles it with, plus
    /// those of every ClusterRole its selectors aggregate, transitively,
    /// within the role's environment: one overlay's labels never widen another's role.
    private func effectiveStatements(of start: Int) -> (statements: [PermissionStatement], roleIndices: Set<Int>) {
        let environment = environments[start]
        var result: [PermissionStatement] = []
        var visited = Set<Int>()
        var pending = [start]
        while let current = pending.popLast() {
            guard visited.insert(current).inserted else { continue }
            let role = roles[current]
            result += role.rules
            // The built-in definition comes back with its own aggregation selectors.
            if let builtIn = reconciledBuiltIn[current] { pending.append(builtIn) }
            guard role.isClusterRole, !role.aggregationSelectors.isEmpty else { continue }
            for candidate in clusterRoleIndices where !visited.contains(candidate) && environments[candidate].meets(environment) {
                let labels = roles[candidate].labels
                if role.aggregationSelectors.contains(where: { $0.matches(labels) }) { pending.append(candidate) }
            }
        }
        return (result, visited)
    }
}
