extension IdentityModel {
    /// Every grant set the facts imply, for every platform: resolved Kubernetes bindings
    /// and unbound roles, AWS policy documents (under their role's permission boundary),
    /// Azure custom roles, GCP policy bindings.
    func grantSets(_ library: RuleLibrary) -> [GrantSet] {
        KubernetesRBACResolver(facts: kubernetes, builtInRoles: library.builtInRoles).grantSets()
            + awsGrantSets()
            + azureRoles.map { GrantSet(platform: .azure, statements: $0.statements, scope: .attached, role: $0.ref) }
            + gcpPolicies.flatMap { policy in
                policy.bindings.map {
                    GrantSet(platform: .gcp, statements: [$0.statement], scope: .attached, role: policy.ref, binding: $0.binding, subjects: $0.members)
                }
            }
    }

    /// AWS policies with each named permission boundary looked up among the scanned
    /// policies: in the same file first (a CloudFormation `!Ref`), then by name anywhere.
    /// A policy found serving as a boundary caps others and grants nothing itself (a
    /// boundary is broad by design), so it is not a grant set of its own.
    private func awsGrantSets() -> [GrantSet] {
        let bounded = awsPolicies.contains { if case .named = $0.boundary { true } else { false } }
        var byName: [String: [AWSPolicy]] = [:]
        if bounded {
            for policy in awsPolicies where policy.ref.kind == "Policy" {
                for name in Set(policy.names) { byName[name, default: []].append(policy) }
            }
        }
        var boundaries = Set<ObjectRef>()
        let resolved = awsPolicies.map { policy in
            var boundary = policy.boundary
            if case .named(var named) = boundary {
                let candidates = byName[named.policyName] ?? []
                let file = policy.ref.location?.file
                let found = candidates.first { $0.ref.location?.file == file } ?? (candidates.count == 1 ? candidates[0] : nil)
                if let found { boundaries.insert(found.ref) }
                named.statements = found?.statements
                boundary = .named(named)
            }
            return (policy, boundary)
        }
        return resolved.compactMap { policy, boundary in
            boundaries.contains(policy.ref) ? nil
                : GrantSet(platform: .aws, statements: policy.statements, scope: .attached, role: policy.ref, boundary: boundary, owner: policy.owner,
                           attachedTo: policy.attachedTo.map(\.principal))
        }
    }
}
