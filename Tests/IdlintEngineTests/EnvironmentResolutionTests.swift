import Foundation
import Testing
@testable import IdlintEngine

/// One scan, several environments: a binding resolves to the definitions of its role in
/// its own environment (and shared folders), never to another environment's.
@Suite("Roles resolved per environment")
struct EnvironmentResolutionTests {
    static func role(_ verbs: String, resources: String = "secrets") -> String {
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: app-reader}
        rules:
          - apiGroups: [""]
            resources: [\(resources)]
            verbs: [\(verbs)]
        """
    }

    static let binding = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata: {name: app-reader}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: app-reader}
    subjects: [{kind: ServiceAccount, name: app, namespace: app}]
    """

    @Test("a dev binding is judged with dev's role, not production's of the same name (which sorts after it)")
    func separateEnvironments() {
        let result = scan([
            "overlays/dev/role.yaml": Self.role("get", resources: "configmaps"),
            "overlays/dev/binding.yaml": Self.binding,
            "overlays/production/role.yaml": Self.role("get, list"),
        ])
        // Production's role reads secrets but nothing in production binds it: its finding
        // is about the role; no subject of dev gains it.
        #expect(!result.findings(of: "K8S-SECRETS-READ").contains { $0.message.contains("ServiceAccount app/app") },
                "\(result.findings(of: "K8S-SECRETS-READ").map(\.message))")
    }

    @Test("two definitions in one environment are both possible: a stale copy cannot hide the other")
    func copiesInOneEnvironment() {
        let result = scan([
            "config/rbac/role.yaml": Self.role("get, list"),
            "config/rbac/binding.yaml": Self.binding,
            "dist/install.yaml": Self.role("get", resources: "configmaps"),
        ])
        #expect(result.findings(of: "K8S-SECRETS-READ").contains { $0.message.contains("ServiceAccount app/app") },
                "\(result.findings(of: "K8S-SECRETS-READ").map(\.message))")
    }

    @Test("a finding says which environment it belongs to")
    func findingsNameTheirEnvironment() {
        let result = scan(["overlays/dev/role.yaml": Self.role("get, list"), "base/role.yaml": Self.role("get, list")])
        let environments = Set(result.findings(of: "K8S-SECRETS-READ").map { $0.environment ?? "shared" })
        #expect(environments == ["dev", "shared"])
    }

    @Test("environments are read from the layout", arguments: [
        ("overlays/staging/rbac.yaml", "staging"), ("envs/prod/iam.json", "prod"), ("clusters/eu-1/rbac.yaml", "eu-1"),
        ("deploy/production/role.yaml", "production"), ("config/rbac/role.yaml", ""), ("role.yaml", ""),
    ])
    func layout(file: String, environment: String) {
        #expect(Environment.of(file: file).name == environment)
    }

    static let tenants = """
    environments:
      acme: [tenants/acme/]
      globex: [tenants/globex/, shared/globex-*.yaml]
    """

    @Test("environments named in the configuration keep a layout the folders do not explain apart")
    func configuredEnvironments() throws {
        let files = [
            "tenants/acme/role.yaml": Self.role("get", resources: "configmaps"),
            "tenants/acme/binding.yaml": Self.binding,
            "tenants/globex/role.yaml": Self.role("get, list"),
            "shared/globex-binding.yaml": Self.binding,
        ]
        // Without the map, tenants/ is one shared folder: acme's binding meets globex's role.
        let unconfigured = scan(files)
        #expect(unconfigured.findings(of: "K8S-SECRETS-READ").filter { $0.message.contains("ServiceAccount app/app") }.count == 2)
        let configuration = try ScanConfiguration.load(text: Self.tenants, path: ".idlint.yaml")
        let result = scan(files) { $0.environments = configuration.environments }
        let reads = result.findings(of: "K8S-SECRETS-READ").filter { $0.message.contains("ServiceAccount app/app") }
        // Only globex's binding reaches globex's role, and the finding says so.
        #expect(reads.map(\.location.file) == ["shared/globex-binding.yaml"], "\(reads.map(\.message))")
        #expect(reads.first?.environment == "globex")
        #expect(configuration.environments.name(of: "./tenants/acme/deep/x.yaml") == "acme")
        #expect(configuration.environments.name(of: "tenants/other/x.yaml") == nil)
    }

    @Test("a malformed environments map is refused with its position", arguments: [
        "environments: [prod]", "environments:\n  prod: clusters/prod/", "environments:\n  'pro d': [x/]",
    ])
    func malformedEnvironments(text: String) {
        #expect(throws: DataFileError.self) { try ScanConfiguration.load(text: text, path: ".idlint.yaml") }
    }
}
