import Foundation
import IdlintSyntax
import Testing
@testable import IdlintEngine

/// Kustomize trees written to a folder and scanned as a user scans them: a base, two
/// overlays (one widens a Role by patch), each overlay its own environment.
@Suite("Kustomize overlays")
struct KustomizeOverlayTests {
    static let tree: [String: String] = [
        "base/kustomization.yaml": """
        resources:
          - role.yaml
          - binding.yaml
          - account.yaml
        """,
        "base/role.yaml": """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: app-reader
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            verbs: ["get"]
        """,
        "base/binding.yaml": """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: app-reader
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: Role
          name: app-reader
        subjects:
          - kind: ServiceAccount
            name: app
        """,
        "base/account.yaml": """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: app
        """,
        "overlays/staging/kustomization.yaml": """
        resources:
          - ../../base
        namespace: staging-apps
        namePrefix: staging-
        """,
        "overlays/production/kustomization.yaml": """
        resources:
          - ../../base
        namespace: prod-apps
        patches:
          - path: widen-role.yaml
          - target:
              kind: Role
              name: app-reader
            patch: |-
              - op: add
                path: /rules/-
                value: {apiGroups: [""], resources: ["pods/exec"], verbs: ["create"]}
        """,
        "overlays/production/widen-role.yaml": """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: app-reader
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            verbs: ["*"]
        """,
    ]

    /// The tree written to a fresh folder and scanned from it, its paths given relative
    /// to the folder (the working directory is the whole process's, so it stays put).
    static func scanTree(_ files: [String: String]) throws -> ScanResult {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try write(text, to: folder.appendingPathComponent(name)) }
        var result = makeScanner().scan(paths: [folder.path])
        let prefix = folder.path + "/"
        func relative(_ location: inout IdlintSyntax.SourceLocation) {
            if location.file.hasPrefix(prefix) { location.file.removeFirst(prefix.count) }
        }
        for index in result.findings.indices {
            relative(&result.findings[index].location)
            for related in result.findings[index].relatedLocations.indices { relative(&result.findings[index].relatedLocations[related].location) }
        }
        for index in result.diagnostics.indices where result.diagnostics[index].file.hasPrefix(prefix) {
            result.diagnostics[index].file.removeFirst(prefix.count)
        }
        return result
    }

    @Test("the patch's wildcard is found once, in production, on the patch's line, with the base as related")
    func patchWidensRole() throws {
        let result = try Self.scanTree(Self.tree)
        #expect(!result.diagnostics.contains { $0.level == .error }, "\(result.diagnostics.map(\.description))")
        let wildcard = result.findings(of: "K8S-WILDCARD-VERB")
        #expect(wildcard.count == 1, "\(wildcard.map(\.message))")
        guard let finding = wildcard.first else { return }
        #expect(finding.environment == "production")
        #expect(finding.location.file == "overlays/production/widen-role.yaml" && finding.location.line == 8)
        #expect(finding.message.contains("app-reader"))
        #expect(finding.relatedLocations.contains { $0.location.file == "base/role.yaml" && $0.location.line == 4 },
                "\(finding.relatedLocations.map { "\($0.location) \($0.message)" })")
    }

    @Test("a base risk is found once per overlay, in the overlay's namespace and with its names, on the base's line")
    func baseRiskPerOverlay() throws {
        let result = try Self.scanTree(Self.tree)
        let reads = result.findings(of: "K8S-SECRETS-READ-NAMESPACE")
        let byEnvironment = Dictionary(grouping: reads) { $0.environment ?? "shared" }
        #expect(byEnvironment.keys.sorted() == ["production", "staging"], "\(reads.map { "\($0.environment ?? "-") \($0.message)" })")
        #expect(byEnvironment["staging"]?.count == 1 && byEnvironment["production"]?.count == 1)
        let staging = byEnvironment["staging"]?.first
        #expect(staging?.message.contains("ServiceAccount staging-apps/staging-app") == true, "\(staging?.message ?? "")")
        #expect(staging?.message.contains("in namespace staging-apps") == true)
        #expect(staging?.location.file == "base/binding.yaml" && staging?.location.line == 11)
        let production = byEnvironment["production"]?.first
        #expect(production?.message.contains("ServiceAccount prod-apps/app") == true, "\(production?.message ?? "")")
        #expect(!reads.contains { $0.message.contains("default/") })
    }

    @Test("the JSON 6902 patch's exec grant reaches production only, the patch's line related")
    func jsonPatchStaysInItsOverlay() throws {
        let result = try Self.scanTree(Self.tree)
        let exec = result.findings(of: "K8S-POD-EXEC")
        #expect(exec.count == 1, "\(exec.map { "\($0.environment ?? "-") \($0.message)" })")
        #expect(exec.first?.environment == "production")
        #expect(exec.first?.relatedLocations.contains { $0.location.file == "base/role.yaml" && $0.message.contains("defined here") } == true)
        #expect(exec.first?.relatedLocations.contains { $0.location.file == "overlays/production/kustomization.yaml" && $0.location.line == 12 } == true,
                "\(exec.first?.relatedLocations.map { "\($0.location) \($0.message)" } ?? [])")
    }

    @Test("a base that no overlay includes is its own environment; remote resources are a note, never fetched")
    func loneBaseAndRemote() throws {
        var files = Self.tree.filter { $0.key.hasPrefix("base/") }
        files["base/kustomization.yaml"] = """
        resources:
          - role.yaml
          - binding.yaml
          - account.yaml
          - https://github.com/example/rbac//config?ref=v1
          - ../elsewhere
        """
        let result = try Self.scanTree(files)
        #expect(!result.diagnostics.contains { $0.level == .error }, "\(result.diagnostics.map(\.description))")
        let notes = result.diagnostics.filter { $0.level == .note && $0.file == "base/kustomization.yaml" }
        #expect(notes.count == 2, "\(result.diagnostics.map(\.description))")
        let reads = result.findings(of: "K8S-SECRETS-READ-NAMESPACE")
        #expect(reads.count == 1 && reads.first?.environment?.hasSuffix("/base") == true, "\(reads.map { "\($0.environment ?? "-") \($0.message)" })")
    }

    @Test("kustomizations that include each other are a warning, and their files are still judged")
    func cycle() throws {
        let result = try Self.scanTree([
            "a/kustomization.yaml": "resources: [../b, role.yaml]",
            "b/kustomization.yaml": "resources: [../a]",
            "a/role.yaml": Self.tree["overlays/production/widen-role.yaml"]!,
        ])
        #expect(result.diagnostics.contains { $0.level == .warning && $0.message.contains("includes itself") }, "\(result.diagnostics.map(\.description))")
        #expect(!result.findings(of: "K8S-WILDCARD-VERB").isEmpty)
    }

    @Test("a chain in which each kustomization includes the next twice ends with a warning, not a hang")
    func doublingChain() throws {
        var files: [String: String] = ["k24/kustomization.yaml": "resources: [role.yaml]",
                                       "k24/role.yaml": Self.tree["overlays/production/widen-role.yaml"]!]
        for level in 0..<24 { files["k\(level)/kustomization.yaml"] = "resources: [../k\(level + 1), ./../k\(level + 1)/]" }
        let result = try Self.scanTree(files)
        #expect(result.diagnostics.contains { $0.level == .warning && $0.message.contains("more than \(KustomizeBuild.maxBuilds) times") },
                "\(result.diagnostics.map(\.description))")
    }

    @Test("a patch file that was not read is a warning: the overlay is judged without it, and says so")
    func unreadPatch() throws {
        let result = try Self.scanTree([
            "base/kustomization.yaml": "resources: [role.yaml]",
            "base/role.yaml": Self.tree["base/role.yaml"]!,
            "overlays/production/kustomization.yaml": "resources: [../../base]\npatches:\n  - path: widen-role.yaml",
        ])
        #expect(result.diagnostics.contains { $0.level == .warning && $0.message.contains("patch widen-role.yaml was not read") },
                "\(result.diagnostics.map(\.description))")
    }

    @Test("an overlay's commonLabels can aggregate a ClusterRole: its secret writes reach the bound account in that overlay only")
    func labelsAggregate() throws {
        let base = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: ops
        aggregationRule:
          clusterRoleSelectors:
            - matchLabels:
                example.com/aggregate-to-ops: "true"
        rules: []
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: secret-writer
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            verbs: ["create", "update"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: ops
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: ops
        subjects:
          - kind: ServiceAccount
            name: ops-runner
            namespace: ops
        """
        let result = try Self.scanTree([
            "base/kustomization.yaml": "resources: [roles.yaml]",
            "base/roles.yaml": base,
            "overlays/staging/kustomization.yaml": "resources: [../../base]",
            "overlays/production/kustomization.yaml": """
            resources: [../../base]
            commonLabels:
              example.com/aggregate-to-ops: "true"
            """,
        ])
        #expect(result.diagnostics.filter { $0.level == .error }.isEmpty, "\(result.diagnostics.map(\.description))")
        let reaching = result.findings(of: "K8S-SECRETS-WRITE").filter { $0.principal?.contains("ops-runner") == true }
        #expect(reaching.map(\.environment) == ["production"], "\(result.findings(of: "K8S-SECRETS-WRITE").map { "\($0.environment ?? "-") \($0.message)" })")
    }
}
