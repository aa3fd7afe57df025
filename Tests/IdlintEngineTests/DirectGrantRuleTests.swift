import Foundation
import Testing
@testable import IdlintEngine

/// Grant rules read direct grants of the platforms they name: one rule over Keycloak
/// roles, Auth0 client grants and workflow tokens, each finding on the element that
/// gives the privilege; built-in rules, which name none of these platforms, are untouched.
@Suite("Grant rules over direct grants")
struct DirectGrantRuleTests {
    static let rule = """
    rules:
      - id: ORG-WRITES-ANYWHERE
        title: Writes on identity platforms
        severity: medium
        rationale: Test rule.
        remediation: Narrow it.
        controls: [OWASP-NHI-2025:NHI5]
        message: "{grantee} holds {permissions} {scope}"
        match:
          grants:
            platforms: [keycloak, auth0, github]
            allows:
              - {actions: [manage-users, realm-admin], resources: ["roles of client *"]}
              - {actions: ["update:*"], resources: ["https://*.auth0.com/api/v2/"]}
              - {actions: [write], resources: [contents]}
    """

    static let inputs = [
        "realm.json": """
        {"realm": "partners", "clients": [{"clientId": "sync"}],
         "users": [{"username": "service-account-sync", "serviceAccountClientId": "sync", "clientRoles": {"realm-management": ["manage-users"]}},
                   {"username": "alice", "realmRoles": ["offline_access"]}]}
        """,
        "client-grants/bot.json": #"{"client_id": "Bot", "audience": "https://acme.eu.auth0.com/api/v2/", "scope": ["read:users", "update:users"]}"#,
        ".github/workflows/release.yml": """
        name: release
        on: push
        permissions: write-all
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps: [{run: make}]
          lint:
            runs-on: ubuntu-latest
            permissions: {contents: read}
            steps: [{run: make lint}]
        """,
    ]

    static func scan(_ rule: String?) throws -> ScanResult {
        var library = builtInLibrary
        if let rule { try library.load(text: rule, path: "org/rules.yaml", isBuiltIn: false) }
        var configuration = ScanConfiguration()
        configuration.setClock(testClock)
        let files = inputs.keys.sorted().map { InputFile(displayPath: $0, source: .content(Array(inputs[$0]!.utf8))) }
        return IdentityScanner(library: library, configuration: configuration).scan(files: files)
    }

    @Test("one rule fires on the Keycloak service account, the Auth0 client and the workflow job, at the element that grants")
    func firesOnEachPlatform() throws {
        let findings = try Self.scan(Self.rule).findings(of: "ORG-WRITES-ANYWHERE")
        let placed = findings.map { "\($0.location.file):\($0.location.line)" }.sorted()
        #expect(placed == [".github/workflows/release.yml:5", "client-grants/bot.json:1", "realm.json:2"], "\(findings.map(\.message))")
        #expect(findings.contains { $0.message == "Workflow job release.yml / publish holds write * with the job's token" }, "\(findings.map(\.message))")
        #expect(findings.contains { $0.message == "Client Bot holds update:users https://acme.eu.auth0.com/api/v2/ as a client grant" })
        #expect(!findings.contains { $0.message.contains("alice") || $0.message.contains("lint") })
    }

    @Test("a rule that names only Kubernetes and the clouds reads no direct grant")
    func cloudRulesUntouched() throws {
        let cloudOnly = Self.rule.replacingOccurrences(of: "platforms: [keycloak, auth0, github]", with: "platforms: [kubernetes, aws]")
        #expect(try Self.scan(cloudOnly).findings(of: "ORG-WRITES-ANYWHERE").isEmpty)
        let builtIn = try Self.scan(nil).findings
        let withRule = try Self.scan(Self.rule).findings.filter { $0.ruleID != "ORG-WRITES-ANYWHERE" }
        #expect(builtIn.map(\.fingerprint).sorted() == withRule.map(\.fingerprint).sorted())
    }

    @Test("allows-all needs every part held by the one principal")
    func allowsAllOnOnePrincipal() throws {
        // Only the Keycloak service account holds both parts; the Auth0 client holds one.
        let both = Self.rule.replacingOccurrences(of: "allows:", with: "allows-all:")
            .replacingOccurrences(of: "- {actions: [write], resources: [contents]}", with: "- {actions: [manage-users], resources: [\"roles of client realm-management\"]}")
            .replacingOccurrences(of: "- {actions: [\"update:*\"], resources: [\"https://*.auth0.com/api/v2/\"]}", with: "- {actions: [manage-users, \"update:users\"], resources: [\"*\"]}")
        let findings = try Self.scan(both).findings(of: "ORG-WRITES-ANYWHERE")
        #expect(findings.map(\.location.file) == ["realm.json"], "\(findings.map(\.message))")
    }
}
