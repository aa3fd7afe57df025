import Testing
@testable import IdlintEngine

@Suite("Effective Kubernetes permissions")
struct PermissionResolutionTests {
    static let binding = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata:
      name: deployer-reads
      namespace: ci
    roleRef:
      apiGroup: rbac.authorization.k8s.io
      kind: ClusterRole
      name: reader
    subjects:
      - kind: ServiceAccount
        name: deployer
    """

    @Test("a RoleBinding to a ClusterRole in another file grants inside the binding's namespace")
    func roleBindingToClusterRole() throws {
        let result = scan(["binding.yaml": Self.binding, "role.yaml": ScannerTests.role])
        let finding = try #require(result.findings(of: "K8S-SECRETS-READ-NAMESPACE").first)
        #expect(result.findings(of: "K8S-SECRETS-READ-NAMESPACE").count == 1, "reported on the subject, not again on the role")
        #expect(result.findings(of: "K8S-SECRETS-READ").isEmpty, "in one namespace, not cluster-wide")
        #expect(finding.location.file == "binding.yaml" && finding.location.line == 12 && finding.location.column == 11)
        #expect(finding.message.contains("ServiceAccount ci/deployer"))
        #expect(finding.message.contains("in namespace ci"))
        #expect(finding.principal == "ServiceAccount ci/deployer")
        #expect(finding.relatedLocations.contains { $0.location.file == "role.yaml" && $0.location.line == 8 })
    }

    @Test("aggregated ClusterRoles contribute their rules, built-in ones included")
    func aggregation() throws {
        let aggregated = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: crd-extras
          labels:
            rbac.authorization.k8s.io/aggregate-to-view: "true"
        rules:
          - apiGroups: [""]
            resources: [pods/exec]
            verbs: [create]
        """
        let viewBinding = Self.binding.replacingOccurrences(of: "name: reader", with: "name: view")
        let result = scan(["binding.yaml": viewBinding, "extra.yaml": aggregated])
        let finding = try #require(result.findings(of: "K8S-POD-EXEC").first)
        #expect(finding.location.file == "binding.yaml")
        #expect(finding.relatedLocations.contains { $0.location.file == "extra.yaml" && $0.location.line == 10 })
    }

    @Test("a cluster-scoped resource is reached through a ClusterRoleBinding, never through a RoleBinding")
    func clusterScopedResources() {
        let role = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: reader}
        rules:
          - apiGroups: [""]
            resources: [nodes/proxy, pods/exec]
            verbs: [get]
        """
        let inNamespace = scan(["binding.yaml": Self.binding, "role.yaml": role])
        #expect(inNamespace.findings(of: "K8S-NODES-PROXY").isEmpty, "nodes belong to no namespace")
        #expect(inNamespace.findings(of: "K8S-POD-EXEC").count == 1, "the same rule's namespaced resource still counts")
        let clusterBinding = Self.binding.replacingOccurrences(of: "kind: RoleBinding", with: "kind: ClusterRoleBinding")
            .replacingOccurrences(of: "  namespace: ci\nroleRef", with: "roleRef")
            .replacingOccurrences(of: "    name: deployer", with: "    name: deployer\n    namespace: ci")
        let clusterWide = scan(["binding.yaml": clusterBinding, "role.yaml": role])
        #expect(clusterWide.findings(of: "K8S-NODES-PROXY").count == 1)
    }

    @Test("aggregation selectors with matchExpressions, and the empty selector that selects every ClusterRole", arguments: [
        ("{matchExpressions: [{key: team, operator: In, values: [ops, sre]}]}", true),
        ("{matchExpressions: [{key: team, operator: NotIn, values: [sre]}]}", false),
        ("{matchExpressions: [{key: team, operator: Exists}]}", true),
        ("{}", true),
    ])
    func selectors(selector: String, aggregates: Bool) {
        let roles = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: umbrella}
        aggregationRule:
          clusterRoleSelectors: [\(selector)]
        rules: []
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: part, labels: {team: sre}}
        rules:
          # In no built-in role, which NotIn would aggregate too.
          - apiGroups: [rbac.authorization.k8s.io]
            resources: [roles]
            verbs: [escalate]
        """
        let binding = Self.binding.replacingOccurrences(of: "name: reader", with: "name: umbrella")
        let result = scan(["roles.yaml": roles, "binding.yaml": binding])
        let onSubject = result.findings(of: "K8S-ESCALATE-VERB").filter { $0.location.file == "binding.yaml" }
        #expect(onSubject.count == (aggregates ? 1 : 0))
    }

    @Test("resourceNames and non-core API groups narrow a grant")
    func narrowing() {
        let narrowed = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: one-secret, namespace: ci}
        rules:
          - apiGroups: [""]
            resources: [secrets]
            resourceNames: [deploy-key]
            verbs: [get]
          - apiGroups: [vault.example.com]
            resources: [secrets]
            verbs: [list]
          - nonResourceURLs: ["/healthz"]
            verbs: [get]
        """
        let result = scan(["role.yaml": narrowed])
        #expect(result.findings(of: "K8S-SECRETS-READ").isEmpty)
        #expect(result.findings(of: "K8S-SECRETS-READ-NAMESPACE").isEmpty)
    }

    @Test("secrets read cluster-wide and in one namespace are two rules, one severity apart")
    func secretReadScopes() throws {
        let role = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: secrets-reader}
        rules:
          - apiGroups: [""]
            resources: [secrets]
            verbs: [list]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: in-reports, namespace: reports}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secrets-reader}
        subjects: [{kind: ServiceAccount, name: renderer}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: everywhere}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secrets-reader}
        subjects: [{kind: ServiceAccount, name: backup, namespace: backup}]
        """
        let result = scan(["rbac.yaml": role])
        let cluster = try #require(result.findings(of: "K8S-SECRETS-READ").first)
        let namespaced = try #require(result.findings(of: "K8S-SECRETS-READ-NAMESPACE").first)
        #expect(result.findings(of: "K8S-SECRETS-READ").count == 1 && result.findings(of: "K8S-SECRETS-READ-NAMESPACE").count == 1)
        #expect(cluster.principal == "ServiceAccount backup/backup" && cluster.severity == .high)
        #expect(namespaced.principal == "ServiceAccount reports/renderer" && namespaced.severity == .medium)
        #expect(namespaced.message.hasSuffix("in namespace reports"))
    }

    @Test("objects written without a namespace are placed where the bundle's bindings say, so one account has one name")
    func installNamespace() throws {
        let bundle = """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: controller}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: controller}
        rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: controller}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: controller}
        subjects: [{kind: ServiceAccount, name: controller}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: controller}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
        subjects: [{kind: ServiceAccount, name: controller, namespace: deploys}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: controller}
        spec:
          template:
            spec:
              serviceAccountName: controller
              containers: [{name: c, image: example.org/controller:1}]
        """
        let result = scan(["bundle/install.yaml": bundle])
        let principals = Set(result.findings.compactMap(\.principal))
        #expect(principals == ["ServiceAccount deploys/controller"], "\(principals)")
        let namespaced = try #require(result.findings(of: "K8S-SECRETS-READ-NAMESPACE").first)
        #expect(namespaced.message.contains("RoleBinding deploys/controller → Role deploys/controller"), "\(namespaced.message)")
        #expect(result.findings(of: "K8S-TOKEN-AUTOMOUNT").isEmpty, "the Deployment runs as the bound deploys/controller")

        // Bindings that name two namespaces for the account leave it where Kubernetes puts it.
        let ambiguous = bundle + """

        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: controller-staging}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects: [{kind: ServiceAccount, name: controller, namespace: staging}]
        """
        let unplaced = try #require(scan(["bundle/install.yaml": ambiguous]).findings(of: "K8S-SECRETS-READ-NAMESPACE").first)
        #expect(unplaced.principal == "ServiceAccount default/controller")

        // A Terraform binding's subject without a namespace is in `default`, as the provider sends it.
        let module = """
        resource "kubernetes_role_binding_v1" "runner" {
          metadata {
            name      = "runner"
            namespace = "ci"
          }
          role_ref {
            api_group = "rbac.authorization.k8s.io"
            kind      = "ClusterRole"
            name      = "edit"
          }
          subject {
            kind = "ServiceAccount"
            name = "runner"
          }
        }
        """
        #expect(scan(["m/main.tf": module]).findings(of: "K8S-SECRETS-READ-NAMESPACE").first?.principal == "ServiceAccount default/runner")
    }

    @Test("a binding to built-in cluster-admin is an admin binding")
    func builtInClusterAdmin() throws {
        let text = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: ops-admin}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
        subjects:
          - {kind: User, name: alice@example.com}
        """
        let finding = try #require(scan(["b.yaml": text]).findings(of: "K8S-ADMIN-BINDING").first)
        #expect(finding.location.line == 6)
        #expect(finding.message.contains("cluster-wide"))
        #expect(finding.message.contains("built in"))
    }

    @Test("agents are recognised from workload labels and config", arguments: [true, false])
    func agentRecognition(labelled: Bool) {
        let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviewer, namespace: tools}
        spec:
          template:
            metadata:
              labels: {\(labelled ? "idlint.dev/agent: \"true\"" : "app: reviewer")}
            spec:
              serviceAccountName: reviewer
        """
        let binding = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: reviewer-edit, namespace: tools}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
        subjects:
          - {kind: ServiceAccount, name: reviewer}
        """
        let result = scan(["deploy.yaml": deployment, "binding.yaml": binding])
        #expect(result.findings(of: "K8S-AGENT-STANDING-WRITE").count == (labelled ? 1 : 0))
    }
}
