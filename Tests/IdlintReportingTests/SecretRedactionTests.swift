import Foundation
import Testing
@testable import IdlintEngine
@testable import IdlintReporting

/// Known secret values planted in every input family that carries secrets: none may
/// appear whole in any output format, diagnostic or diff report.
@Suite("Secret redaction across families")
struct SecretRedactionTests {
    static let secrets = [
        "k8sPlantedSecretValue7f3a9c", "kubeTokenPlanted.eyJzdWIiOiJwbGFudGVkIn0.sig9b2e",
        "AKIAPLANTED7EXAMPLE", "aws/Planted+Secret/Access/Key/Value0x1234567",
        "keycloak-client-secret-planted-5d1e", "MIIEvQIBADANBgkqhkiGPlantedPrivateKeyBodyQ8a",
        "gcpPlantedPrivateKeyLineAbCdEf0123456789xyz", "mcpPlantedBearerToken0a1b2c3d4e5f",
        "ghp_PlantedGitHubToken0123456789abcdefABCD", "jwkPlantedPrivateExponentValueQWERTYuiop",
    ]

    static let files: [(String, String)] = [
        ("k8s/secret.yaml", """
        apiVersion: v1
        kind: Secret
        metadata: {name: db, namespace: app}
        stringData: {password: \(secrets[0])}
        """),
        ("kube/config.yaml", """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://k.example.org"}}]
        users: [{name: u, user: {token: "\(secrets[1])"}}]
        contexts: [{name: c, context: {cluster: c, user: u}}]
        current-context: c
        """),
        (".github/workflows/deploy.yml", """
        on: push
        permissions: write-all
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - uses: aws-actions/configure-aws-credentials@v4
                with: {aws-access-key-id: \(secrets[2]), aws-secret-access-key: "\(secrets[3])", aws-region: eu-west-1}
        """),
        ("keycloak/realm-export.json", """
        {"realm": "r", "clients": [{"clientId": "api", "publicClient": false, "secret": "\(secrets[4])", "directAccessGrantsEnabled": true}]}
        """),
        ("saml/settings.json", """
        {"strict": false, "sp": {"entityId": "https://sp.example.org", "assertionConsumerService": {"url": "https://sp.example.org/acs"},
         "privateKey": "-----BEGIN PRIVATE KEY-----\\n\(secrets[5])\\n-----END PRIVATE KEY-----"},
         "idp": {"entityId": "https://idp.example.org", "singleSignOnService": {"url": "https://idp.example.org/sso"}}}
        """),
        ("gcp/key.json", """
        {"type": "service_account", "project_id": "p", "private_key_id": "abc", "client_email": "sa@p.iam.gserviceaccount.com",
         "private_key": "-----BEGIN PRIVATE KEY-----\\n\(secrets[6])\\n-----END PRIVATE KEY-----\\n"}
        """),
        ("agent/mcp.json", """
        {"mcpServers": {"tools": {"command": "npx", "args": ["tools-server"], "env": {"API_TOKEN": "\(secrets[7])"}},
                        "gh": {"url": "https://mcp.example.org", "headers": {"Authorization": "Bearer \(secrets[8])"}}}}
        """),
        ("jwks/keys.json", """
        {"keys": [{"kty": "RSA", "kid": "k1", "use": "sig", "n": "AQAB", "e": "AQAB", "d": "\(secrets[9])"}]}
        """),
    ]

    static func scanned() -> ScanResult {
        let scanner = IdentityScanner(library: library, configuration: ScanConfiguration())
        return scanner.scan(files: files.map { InputFile(displayPath: $0.0, source: .content(Array($0.1.utf8))) })
    }

    @Test("every family with a planted secret yields findings")
    func findingsExist() {
        let files = Set(Self.scanned().findings.map(\.location.file))
        for (name, _) in Self.files {
            #expect(files.contains(name), "no finding in \(name): the secret there is not even noticed")
        }
    }

    @Test("no output format shows a planted secret whole", arguments: ReportFormat.allCases)
    func outputs(format: ReportFormat) {
        let text = format.reporter(colour: false).render(ReportInput(result: Self.scanned(), library: library, sourceRoot: "/"))
        for secret in Self.secrets {
            #expect(!text.contains(secret), "\(format) shows \(secret.prefix(12))…")
        }
    }

    @Test("framework reports, diagnostics and diff reports show no planted secret whole")
    func otherOutputs() {
        let result = Self.scanned()
        let assessment = FrameworkAssessment.assess(result, library: library)
        let input = FrameworkReportInput(assessment: assessment, library: library, inputs: ["."], date: "2026-06-01", sourceRoot: "/")
        var texts = FrameworkReportFormat.allCases.map { $0.reporter.render(input) }
        texts.append(result.diagnostics.map(\.message).joined(separator: "\n"))
        let comparison = ChangeGate(library: library, configuration: ScanConfiguration(), actor: .agent)
            .compare(base: [], head: Self.files.map { InputFile(displayPath: $0.0, source: .content(Array($0.1.utf8))) })
        for format in ReportFormat.allCases {
            texts.append(format.diffReporter(colour: false).render(DiffReportInput(comparison: comparison, library: library, sourceRoot: "/")))
        }
        for text in texts {
            for secret in Self.secrets { #expect(!text.contains(secret), "\(secret.prefix(12))… shown whole") }
        }
    }
}
