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
            let named = expected.map { "Deployment app-\($0)" }.joined(separator: ", ")
            #expect(finding.message == "Deployment app-\(own) runs as ServiceAccount team/shared, shared with \(named), and 2 more")
        }
    }

    @Test("an organisation's message that names the workload after the list of the others reads as written")
    func listBeforeTheWorkload() throws {
        var library = builtInLibrary
        let message = #""{others} run as {subject}, as {kind} {name} does""#
        try library.load(text: singleRuleFile(id: "ORG-SHARED-ACCOUNT", message: message, match: "{analysis: k8s.shared-service-account}"),
                         path: "org/rules.yaml", isBuiltIn: false)
        var configuration = ScanConfiguration()
        configuration.setClock(testClock)
        let files = [InputFile(displayPath: "apps.yaml", source: .content(Array(Self.deployments(3).utf8)))]
        let findings = IdentityScanner(library: library, configuration: configuration).scan(files: files).findings(of: "ORG-SHARED-ACCOUNT")
        #expect(findings.map(\.message) == [
            "Deployment app-1, Deployment app-2 run as ServiceAccount team/shared, as Deployment app-0 does",
            "Deployment app-0, Deployment app-2 run as ServiceAccount team/shared, as Deployment app-1 does",
            "Deployment app-0, Deployment app-1 run as ServiceAccount team/shared, as Deployment app-2 does",
        ])
    }
}
