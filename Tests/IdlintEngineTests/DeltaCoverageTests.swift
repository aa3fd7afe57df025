import Foundation
import Testing
@testable import IdlintEngine

/// What the privilege delta must never hide: a narrowing undone, a grant copied into
/// another environment.
@Suite("Privilege delta coverage")
struct DeltaCoverageTests {
    static func role(_ names: String?) -> String {
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: config-writer, namespace: app}
        rules:
          - apiGroups: [""]
            resources: [configmaps]
            verbs: [update, patch]
        \(names.map { "    resourceNames: [\($0)]" } ?? "")
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: config-writer, namespace: app}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-writer}
        subjects: [{kind: ServiceAccount, name: web, namespace: app}]
        """
    }

    @Test("dropping resourceNames is a gain: named objects never cover every object")
    func namesDropped() {
        let comparison = compareInMemory(["rbac.yaml": Self.role("app-config")], ["rbac.yaml": Self.role(nil)])
        #expect(comparison.privilegeDelta.contains { $0.principal.name == "web" && !$0.gained.isEmpty }, "\(comparison.privilegeDelta.map(\.gained))")
        #expect(comparison.verdict != .pass)
        let narrowed = compareInMemory(["rbac.yaml": Self.role(nil)], ["rbac.yaml": Self.role("app-config")])
        #expect(narrowed.privilegeDelta.allSatisfy { $0.gained.isEmpty })
    }

    @Test("a dev grant copied into prod is a new grant in prod, not a copy of dev's")
    func copiedAcrossEnvironments() {
        let dev = ["overlays/dev/rbac.yaml": Self.role(nil)]
        let comparison = compareInMemory(dev, dev.merging(["overlays/prod/rbac.yaml": Self.role(nil)]) { $1 })
        let gain = comparison.privilegeDelta.first { !$0.gained.isEmpty }
        #expect(gain?.principal.environment == "prod", "\(comparison.privilegeDelta.map(\.principal))")
        #expect(comparison.verdict != .pass)
    }
}
