import IdlintSyntax

/// Effective Kubernetes permissions across files: each binding resolved to its role
/// (a RoleBinding to a ClusterRole grants inside the binding's namespace), aggregated
/// ClusterRoles expanded through their label selectors, built-in roles known.
struct KubernetesRBACResolver {
    private var roles: [String: KubernetesRole] = [:]
    /// ClusterRoles in a fixed order, so aggregation yields the same grants every run.
    private let clusterRoles: [KubernetesRole]
    private let facts: KubernetesFacts

    init(facts: KubernetesFacts, builtInRoles: [KubernetesRole]) {
        self.facts = facts
        for role in builtInRoles { roles[Self.key(role.ref)] = role }
        // A role in the scanned files replaces a built-in of the same name.
        for role in facts.roles { roles[Self.key(role.ref)] = role }
        clusterRoles = roles.filter { $0.value.isClusterRole }.sorted { $0.key < $1.key }.map(\.value)
    }

    /// Every grant set that the facts imply: one per binding, then one per unbound role.
    func grantSets() -> [GrantSet] {
        var sets: [GrantSet] = []
        var boundRoles = Set<String>()
        var expanded: [String: [PermissionStatement]] = [:]
        for binding in facts.bindings {
            let roleKey = binding.roleRef.kind == "Role"
                ? Self.key(kind: "Role", namespace: binding.ref.namespace, name: binding.roleRef.name)
                : Self.key(kind: "ClusterRole", namespace: nil, name: binding.roleRef.name)
            guard let role = roles[roleKey], !binding.subjects.isEmpty else { continue }
            let statements: [PermissionStatement]
            if let known = expanded[roleKey] {
                statements = known
            } else {
                let (aggregated, sources) = effectiveStatements(of: role)
                statements = aggregated
                expanded[roleKey] = aggregated
                // The role and every role aggregated into it now reach a subject.
                boundRoles.formUnion(sources)
            }
            boundRoles.insert(roleKey)
            let scope: GrantScope = binding.isClusterBinding ? .cluster : .namespace(binding.ref.namespace ?? "default")
            var roleRef = role.ref
            if role.isBuiltIn { roleRef.location = nil }
            sets.append(GrantSet(platform: .kubernetes, statements: statements, scope: scope, role: roleRef, binding: binding.ref, subjects: binding.subjects))
        }
        for role in facts.roles where !boundRoles.contains(Self.key(role.ref)) {
            let scope: GrantScope = role.isClusterRole ? .cluster : .namespace(role.ref.namespace ?? "default")
            sets.append(GrantSet(platform: .kubernetes, statements: role.rules, scope: scope, role: role.ref))
        }
        return sets
    }

    /// Own rules plus those of every ClusterRole its selectors aggregate, transitively.
    private func effectiveStatements(of role: KubernetesRole) -> (statements: [PermissionStatement], roleKeys: Set<String>) {
        var result: [PermissionStatement] = []
        var visited = Set<String>()
        var pending = [role]
        while let current = pending.popLast() {
            guard visited.insert(Self.key(current.ref)).inserted else { continue }
            result += current.rules
            guard current.isClusterRole, !current.aggregationSelectors.isEmpty else { continue }
            for candidate in clusterRoles where !visited.contains(Self.key(candidate.ref)) {
                let matches = current.aggregationSelectors.contains { selector in
                    !selector.isEmpty && selector.allSatisfy { candidate.labels[$0.key] == $0.value }
                }
                if matches { pending.append(candidate) }
            }
        }
        return (result, visited)
    }

    static func key(_ ref: ObjectRef) -> String {
        key(kind: ref.kind, namespace: ref.namespace, name: ref.name)
    }

    static func key(kind: String, namespace: String?, name: String) -> String {
        kind == "Role" ? "Role/\(namespace ?? "default")/\(name)" : "ClusterRole//\(name)"
    }
}
