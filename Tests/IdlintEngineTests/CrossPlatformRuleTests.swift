import Foundation
import Testing
@testable import IdlintEngine

/// A rule author writes one grant rule over the model, and it judges every platform it
/// names: the same words find a Kubernetes ClusterRole, an AWS policy and a GCP binding.
@Suite("One rule, several platforms")
struct CrossPlatformRuleTests {
    static let rule = """
    rules:
      - id: ORG-WILDCARD-ANYWHERE
        title: Every action on every resource, on any platform
        severity: high
        rationale: Our policy forbids wildcard grants whatever the platform.
        remediation: Name the actions and resources.
        controls: [OWASP-NHI-2025:NHI5]
        message: "{grantee} holds every action on every resource {scope}"
        match:
          grants:
            platforms: [kubernetes, aws, gcp]
            wildcard: [actions, resources]
    """

    static let inputs = [
        "k8s.yaml": """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: everything}
        rules:
          - apiGroups: ["*"]
            resources: ["*"]
            verbs: ["*"]
        """,
        "aws.json": #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#,
        "narrow.json": #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
        "narrow.yaml": """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: reader}
        rules:
          - apiGroups: [""]
            resources: [pods]
            verbs: [get]
        """,
    ]

    @Test("a user's grant rule listing several platforms fires on each, and only where it should")
    func firesOnEachPlatform() throws {
        var library = builtInLibrary
        try library.load(text: Self.rule, path: "org/rules.yaml", isBuiltIn: false)
        var configuration = ScanConfiguration()
        configuration.setClock(testClock)
        let files = Self.inputs.keys.sorted().map { InputFile(displayPath: $0, source: .content(Array(Self.inputs[$0]!.utf8))) }
        let result = IdentityScanner(library: library, configuration: configuration).scan(files: files)
        let fired = Set(result.findings(of: "ORG-WILDCARD-ANYWHERE").map(\.location.file))
        #expect(fired == ["k8s.yaml", "aws.json"], "\(result.findings(of: "ORG-WILDCARD-ANYWHERE").map(\.message))")
    }
}
