extension IdentityModel {
    /// Every grant set the facts imply, for every platform: resolved Kubernetes bindings
    /// and unbound roles, AWS policy documents, Azure custom roles, GCP policy bindings.
    func grantSets(_ library: RuleLibrary) -> [GrantSet] {
        KubernetesRBACResolver(facts: kubernetes, builtInRoles: library.builtInRoles).grantSets()
            + awsPolicies.map { GrantSet(platform: .aws, statements: $0.statements, scope: .attached, role: $0.ref) }
            + azureRoles.map { GrantSet(platform: .azure, statements: $0.statements, scope: .attached, role: $0.ref) }
            + gcpPolicies.flatMap { policy in
                policy.bindings.map {
                    GrantSet(platform: .gcp, statements: [$0.statement], scope: .attached, role: policy.ref, binding: $0.binding, subjects: $0.members)
                }
            }
    }
}
