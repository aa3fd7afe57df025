import Testing
@testable import IdlintEngine

@Suite("Kubernetes patterns: scope and named objects")
struct KubernetesPatternScopeTests {
    @Test("a pattern inside a namespace keeps only its namespaced resources")
    func insideNamespace() {
        let impersonation = GrantPattern(actions: ["impersonate"], resources: ["users", "groups", "serviceaccounts"], apiGroups: [""])
        #expect(impersonation.reachableInsideNamespace()?.resources == ["serviceaccounts"])
        let nodesProxy = GrantPattern(actions: ["get"], resources: ["nodes/proxy"], apiGroups: [""])
        #expect(nodesProxy.reachableInsideNamespace() == nil, "a subresource is as cluster-scoped as its resource")
        let secrets = GrantPattern(actions: ["get"], resources: ["secrets"], apiGroups: [""])
        #expect(secrets.reachableInsideNamespace() == secrets)
        // Named like a cluster-scoped core resource, in a group where it is not one.
        let customNodes = GrantPattern(actions: ["get"], resources: ["nodes"], apiGroups: ["example.com"])
        #expect(customNodes.reachableInsideNamespace() == customNodes)
    }

    @Test("a pattern that names objects is met by a statement for all of them or one that names one")
    func namedObjects() {
        let role = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: scc}
        rules:
          - apiGroups: [security.openshift.io]
            resources: [securitycontextconstraints]
            resourceNames: [NAMES]
            verbs: [use]
        """
        func privileged(_ names: String) -> Int {
            scan(["role.yaml": role.replacingOccurrences(of: "NAMES", with: names)]).findings(of: "K8S-OPENSHIFT-SCC-PRIVILEGED").count
        }
        #expect(privileged("privileged") == 1)
        #expect(privileged("restricted-v2, hostaccess") == 1)
        #expect(privileged("restricted-v2, nonroot-v2") == 0)
        let everySCC = role.replacingOccurrences(of: "    resourceNames: [NAMES]\n", with: "")
        #expect(scan(["role.yaml": everySCC]).findings(of: "K8S-OPENSHIFT-SCC-PRIVILEGED").count == 1)
    }
}
