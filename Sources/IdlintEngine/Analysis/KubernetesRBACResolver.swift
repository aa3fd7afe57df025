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

    /// Every grant that the facts imply, bound ones first, then unbound roles.
    func grants() -> [Grant] {
        var grants: [Grant] = []
        var boundRoles = Set<String>()
        var expanded: [String: [(PermissionStatement, ObjectRef)]] = [:]
        for binding in facts.bindings {
            let roleKey = binding.roleRef.kind == "Role"
                ? Self.key(kind: "Role", namespace: binding.ref.namespace, name: binding.roleRef.name)
                : Self.key(kind: "ClusterRole", namespace: nil, name: binding.roleRef.name)
            guard let role = roles[roleKey], !binding.subjects.isEmpty else { continue }
            let statements = expanded[roleKey] ?? effectiveStatements(of: role)
            expanded[roleKey] = statements
            // The role and every role aggregated into it now reach a subject.
            boundRoles.insert(roleKey)
            for (_, source) in statements { boundRoles.insert(Self.key(source)) }
            let scope: GrantScope = binding.isClusterBinding ? .cluster : .namespace(binding.ref.namespace ?? "default")
            var roleRef = role.ref
            if role.isBuiltIn { roleRef.location = nil }
            for subject in binding.subjects {
                for (statement, _) in statements {
                    grants.append(Grant(platform: .kubernetes, statement: statement, scope: scope, role: roleRef, binding: binding.ref, subject: subject))
                }
            }
        }
        for role in facts.roles where !boundRoles.contains(Self.key(role.ref)) {
            let scope: GrantScope = role.isClusterRole ? .cluster : .namespace(role.ref.namespace ?? "default")
            for statement in role.rules {
                grants.append(Grant(platform: .kubernetes, statement: statement, scope: scope, role: role.ref))
            }
        }
        return grants
    }

    /// Own rules plus those of every ClusterRole its selectors aggregate, transitively.
    private func effectiveStatements(of role: KubernetesRole) -> [(PermissionStatement, ObjectRef)] {
        var result: [(PermissionStatement, ObjectRef)] = []
        var visited = Set<String>()
        var pending = [role]
        while let current = pending.popLast() {
            guard visited.insert(Self.key(current.ref)).inserted else { continue }
            result += current.rules.map { ($0, current.ref) }
            guard current.isClusterRole, !current.aggregationSelectors.isEmpty else { continue }
            for candidate in clusterRoles where !visited.contains(Self.key(candidate.ref)) {
                let matches = current.aggregationSelectors.contains { selector in
                    !selector.isEmpty && selector.allSatisfy { candidate.labels[$0.key] == $0.value }
                }
                if matches { pending.append(candidate) }
            }
        }
        return result
    }

    static func key(_ ref: ObjectRef) -> String {
        key(kind: ref.kind, namespace: ref.namespace, name: ref.name)
    }

    static func key(kind: String, namespace: String?, name: String) -> String {
        kind == "Role" ? "Role/\(namespace ?? "default")/\(name)" : "ClusterRole//\(name)"
    }
}
