import Foundation
import Testing
@testable import IdlintEngine

@Suite("Suppressions and baselines")
struct SuppressionTests {
    static let role = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: ca-reader
    rules:
      - apiGroups: [""]
        resources: [secrets]
        # idlint:ignore K8S-SECRETS-READ reason="reads the cluster CA bundle only" owner=platform@example.com expires=2030-01-31
        verbs: [get]
    """

    func scanned(_ text: String, today: String = "2026-11-29", _ configure: (inout ScanConfiguration) throws -> Void = { _ in }) throws -> ScanResult {
        var configuration = ScanConfiguration()
        configuration.suppressions.today = today
        try configure(&configuration)
        return IdentityScanner(library: builtInLibrary, configuration: configuration)
            .scan(files: [InputFile(displayPath: "role.yaml", source: .content(Array(text.utf8)))])
    }

    @Test("the day that decides expiry is the UTC calendar day, padded, across month, leap and epoch edges")
    func utcDay() {
        #expect(SuppressionPolicy.day(Date(timeIntervalSince1970: 0)) == "1970-01-01")
        #expect(SuppressionPolicy.day(Date(timeIntervalSince1970: -0.5)) == "1969-12-31")
        #expect(SuppressionPolicy.day(Date(timeIntervalSince1970: 1_709_251_199)) == "2024-02-29")
        #expect(SuppressionPolicy.day(Date(timeIntervalSince1970: 1_709_251_200)) == "2024-03-01")
        #expect(SuppressionPolicy.day(Date(timeIntervalSince1970: 253_402_300_799)) == "9999-12-31")
        #expect(SuppressionPolicy.day(Date(timeIntervalSince1970: -61_000_000_000)) == "0036-12-26")
    }

    @Test("an inline suppression with a reason covers the next line's finding")
    func inline() throws {
        let result = try scanned(Self.role)
        let finding = try #require(result.findings(of: "K8S-SECRETS-READ").first)
        #expect(finding.suppression?.kind == .inSource)
        #expect(finding.suppression?.justification == "reads the cluster CA bundle only")
        #expect(finding.suppression?.owner == "platform@example.com")
        #expect(!result.fails(at: .low))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test("an expired suppression stops hiding its finding and says so")
    func expired() throws {
        let result = try scanned(Self.role, today: "2030-02-01")
        #expect(result.findings(of: "K8S-SECRETS-READ").first?.suppression == nil)
        #expect(result.fails(at: .low))
        #expect(result.diagnostics.contains { $0.level == .warning && $0.message.contains("expired on 2030-01-31") && $0.position?.line == 8 })
    }

    @Test("a suppression without a reason, or for a forbidden rule, is not applied")
    func governance() throws {
        let noReason = Self.role.replacingOccurrences(of: #"reason="reads the cluster CA bundle only" "#, with: "")
        let unexplained = try scanned(noReason)
        #expect(unexplained.findings(of: "K8S-SECRETS-READ").first?.suppression == nil)
        #expect(unexplained.diagnostics.contains { $0.message.contains("without reason") })

        let forbidden = try scanned(Self.role) { $0.suppressions.inlineForbidden = ["K8S-SECRETS-READ"] }
        #expect(forbidden.findings(of: "K8S-SECRETS-READ").first?.suppression == nil)
        #expect(forbidden.diagnostics.contains { $0.message.contains("forbidden") })
    }

    @Test("an unused suppression is reported")
    func unused() throws {
        let text = Self.role.replacingOccurrences(of: "resources: [secrets]", with: "resources: [configmaps]")
        let result = try scanned(text)
        #expect(result.diagnostics.contains { $0.message.contains("matched no finding") })
    }

    @Test("a suppression file covers JSON inputs by rule and path")
    func suppressionFile() throws {
        let json = #"{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"}, "stringData": {"password": "not-a-real-one-1"}}"#
        var configuration = ScanConfiguration()
        try configuration.addSuppressions(text: """
        suppressions:
          - rule: K8S-SECRET-DATA-IN-MANIFEST
            path: "fixtures/**/*.json"
            reason: test fixture, not a credential
            owner: qa@example.com
            expires: 2099-12-31
        """, path: "suppressions.yaml")
        let result = IdentityScanner(library: builtInLibrary, configuration: configuration)
            .scan(files: [InputFile(displayPath: "fixtures/app/secret.json", source: .content(Array(json.utf8)))])
        #expect(result.findings(of: "K8S-SECRET-DATA-IN-MANIFEST").first?.suppression?.kind == .external)
    }

    @Test("a baseline accepts recorded findings; without a team redaction key it names a secret's place and length, not its value")
    func baseline() throws {
        let secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  password: first-value-123\n"
        let recorded = try scanned(secret).findings(of: "K8S-SECRET-DATA-IN-MANIFEST").map(\.fingerprint)
        let baselineText = #"{"schema": "idlint-baseline/1", "findings": [{"fingerprint": "\#(recorded[0])"}]}"#
        let accepted = try scanned(secret) { try $0.loadBaseline(text: baselineText, path: "b.json") }
        #expect(accepted.findings(of: "K8S-SECRET-DATA-IN-MANIFEST").first?.suppression?.kind == .baseline)
        // Nothing derived from the value alone may be kept in a baseline: a dictionary would
        // reverse it. So a same-length replacement stays accepted, a longer one does not
        // (scripts/cli-checks.sh shows a replaced secret is new under IDLINT_REDACTION_KEY).
        let sameLength = try scanned(secret.replacingOccurrences(of: "first-value-123", with: "other-value-999")) {
            try $0.loadBaseline(text: baselineText, path: "b.json")
        }
        #expect(sameLength.findings(of: "K8S-SECRET-DATA-IN-MANIFEST").first?.suppression?.kind == (Redaction.configuredKey == nil ? .baseline : nil))
        let longer = try scanned(secret.replacingOccurrences(of: "first-value-123", with: "a-much-longer-replacement-value")) {
            try $0.loadBaseline(text: baselineText, path: "b.json")
        }
        #expect(longer.findings(of: "K8S-SECRET-DATA-IN-MANIFEST").first?.suppression == nil)
    }
}
