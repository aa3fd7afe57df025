import Testing
@testable import IdlintEngine

@Suite("Shared service accounts")
struct SharedServiceAccountTests {
    /// `count` Deployments in one file, all running as `shared`; the i-th names it on line 7 + 9i.
    private static func deployments(_ count: Int) -> String {
        (0..<count).map { index in
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app-\(index), namespace: team}
            spec:
              template:
                spec:
                  serviceAccountName: shared
                  containers: [{name: main, image: registry.example.com/app:1}]
            """
        }.joined(separator: "\n---\n")
    }

    @Test("each of thirteen workloads on one account points at the first ten others, never at itself, in order")
    func thirteen() {
        let result = scan(["apps.yaml": Self.deployments(13)])
        let findings = result.findings(of: "K8S-SHARED-SERVICE-ACCOUNT")
        #expect(findings.count == 13)
        for finding in findings {
            let own = findings.firstIndex(of: finding)!
            let expected = (0..<13).filter { $0 != own }.prefix(10)
            #expect(finding.relatedLocations.map(\.message) == expected.map { "Deployment app-\($0) runs as it too" }, "app-\(own)")
            #expect(finding.relatedLocations.map(\.location.line) == expected.map { 7 + 9 * $0 }, "app-\(own)")
            #expect(finding.message.contains("and 2 more"), "app-\(own): \(finding.message)")
        }
    }
}
