import Testing
@testable import IdlintEngine

/// A scanned copy of a bootstrap role (`edit`) does not trim the built-in one: the API
/// server reconciles it back, in every cluster that applies a copy.
@Suite("Bootstrap roles redefined")
struct BootstrapRoleTests {
    static let trimmedEdit = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: edit}
    rules:
      - {apiGroups: [""], resources: [configmaps], verbs: [get]}
    """

    static let binding = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: docs-edit, namespace: docs}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
    subjects: [{kind: ServiceAccount, name: docs-publisher, namespace: docs}]
    """

    @Test("every environment's copy is reconciled, not only the first one scanned")
    func everyCopy() {
        let result = scan([
            "overlays/production/edit.yaml": Self.trimmedEdit,
            "overlays/staging/edit.yaml": Self.trimmedEdit,
            "overlays/staging/binding.yaml": Self.binding,
        ])
        let reads = result.findings(of: "K8S-SECRETS-READ-NAMESPACE").filter { $0.message.contains("docs/docs-publisher") }
        #expect(reads.count == 1 && reads.first?.environment == "staging", "\(result.activeFindings.map { "\($0.ruleID) \($0.message)" })")
    }

    @Test("a copy that turns autoupdate off is its own rules only, and leaves the other copies reconciled")
    func pinnedCopy() {
        let pinned = Self.trimmedEdit.replacingOccurrences(of: "metadata: {name: edit}",
                                                           with: "metadata: {name: edit, annotations: {rbac.authorization.kubernetes.io/autoupdate: \"false\"}}")
        let result = scan([
            "overlays/production/edit.yaml": pinned,
            "overlays/production/binding.yaml": Self.binding,
            "overlays/staging/edit.yaml": Self.trimmedEdit,
            "overlays/staging/binding.yaml": Self.binding,
        ])
        let reads = result.findings(of: "K8S-SECRETS-READ-NAMESPACE").filter { $0.message.contains("docs/docs-publisher") }
        #expect(reads.map { $0.environment ?? "" } == ["staging"], "\(reads.map(\.message))")
    }
}
