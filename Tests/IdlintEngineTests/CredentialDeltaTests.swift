import Foundation
import Testing
@testable import IdlintEngine

/// Credentials as facts, and what a change does to them.
@Suite("Credential delta")
struct CredentialDeltaTests {
    static func entra(endDate: String, secrets: Int = 1) -> String {
        let credentials = (0..<secrets).map { index in
            #"{"keyId": "0000000\#(index)-aaaa-4bbb-8ccc-dddddddddddd", "displayName": "ci", "endDateTime": "\#(endDate)T00:00:00Z"}"#
        }.joined(separator: ", ")
        return #"{"appId": "11111111-2222-4333-8444-555555555555", "displayName": "reports", "signInAudience": "AzureADMyOrg", "passwordCredentials": [\#(credentials)]}"#
    }

    static func kubeconfig(user: String) -> String {
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: prod, cluster: {server: "https://prod.example.com"}}]
        contexts: [{name: prod, context: {cluster: prod, user: runner}}]
        current-context: prod
        users:
          - name: runner
            user:
        \(user)
        """
    }

    @Test("a client secret valid for longer is named, with both end dates, and needs review")
    func extended() {
        let comparison = compareInMemory(["app.json": Self.entra(endDate: "2026-09-30")], ["app.json": Self.entra(endDate: "2028-09-30")])
        let change = comparison.credentialDelta.first { $0.change == .extended }
        #expect(change?.previousExpiry == "2026-09-30" && change?.credential.expires == "2028-09-30", "\(comparison.credentialDelta.map(\.description))")
        #expect(change?.credential.owner.name.contains("reports") == true)
        #expect(comparison.verdict != .pass)
    }

    @Test("a shorter lifetime or a removed secret narrows: nothing to review for credentials")
    func narrowed() {
        let shorter = compareInMemory(["app.json": Self.entra(endDate: "2028-09-30")], ["app.json": Self.entra(endDate: "2026-09-30")])
        #expect(!shorter.credentialDelta.contains { $0.change == .extended || $0.change == .added })
        let removed = compareInMemory(["app.json": Self.entra(endDate: "2026-09-30", secrets: 2)], ["app.json": Self.entra(endDate: "2026-09-30", secrets: 1)])
        #expect(removed.credentialDelta.map(\.change) == [.removed])
        #expect(!removed.reasons.contains { $0.contains("client secret") })
    }

    @Test("a kubeconfig exec plugin replaced by an embedded token is named, and the token never shows")
    func federatedReplaced() {
        let token = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2VuLXZhbHVl.c2lnbmF0dXJl"
        let comparison = compareInMemory(["kubeconfig.yaml": Self.kubeconfig(user: "      exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: aws}")],
                                 ["kubeconfig.yaml": Self.kubeconfig(user: "      token: \(token)")])
        let replaced = comparison.credentialDelta.first { $0.change == .federatedReplacedByStatic }
        #expect(replaced?.credential.kind == .token)
        #expect(replaced?.credential.owner.name == "runner")
        #expect(comparison.reasons.contains { $0.contains("replaces its federated credential") })
        let everything = comparison.credentialDelta.map(\.description).joined() + comparison.reasons.joined()
        #expect(!everything.contains(token) && !everything.contains("c2VjcmV0"))
    }
}
