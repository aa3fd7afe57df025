import Foundation
import Testing
@testable import IdlintEngine
import IdlintSyntax

@Suite("Findings")
struct FindingTests {
    @Test("SHA-256 matches the FIPS 180-4 test vectors")
    func sha256() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("redaction never keeps a secret whole, nor more than a quarter of it, and a short one keeps nothing")
    func redaction() {
        for secret in ["x", "hunter2", "AKIAIOSFODNN7EXAMPLE", String(repeating: "s", count: 300)] {
            let redacted = Redaction.redact(secret)
            #expect(!redacted.contains(secret))
            #expect(redacted.contains("hmac:"))
            #expect(redacted.prefix { $0 != "…" }.count <= max(0, secret.count / 4))
            if secret.count < 24 { #expect(redacted.hasPrefix("…")) }
        }
    }

    @Test("a related place's message is scrubbed when it quotes a secret, and a clean list is kept as it is")
    func relatedMessages() {
        let place = SourceLocation(file: "a.yaml", span: SourceSpan(at: SourcePosition(line: 3, column: 5)))
        let leaky = RelatedLocation(location: place, message: "reached at https://ops:Hunter2Hunter2@idp.example.com/token")
        let clean = RelatedLocation(location: place, message: "Deployment api runs as it too")
        let finding = Finding(ruleID: "R", severity: .high, message: "m", location: place, relatedLocations: [clean, leaky, clean],
                              documentKind: "k8s.Deployment", logicalPath: "p")
        #expect(finding.relatedLocations.count == 3)
        #expect(finding.relatedLocations[0] == clean && finding.relatedLocations[2] == clean)
        #expect(!finding.relatedLocations[1].message.contains("Hunter2Hunter2"))
        #expect(finding.relatedLocations[1].message.contains("idp.example.com"))
    }

    @Test("a message that ends with its group's list reads, compares and hashes as the whole text, and is redacted as one")
    func sharedEndings() {
        let place = SourceLocation(file: "a.yaml", span: SourceSpan(at: SourcePosition(line: 3, column: 5)))
        func finding(_ message: String, _ ending: FindingMessage.Ending? = nil) -> Finding {
            Finding(ruleID: "R", severity: .low, message: message, messageEnding: ending, location: place, documentKind: "k8s.Deployment", logicalPath: "p")
        }
        let group = FindingMessage.SharedList(template: "shared with {others} as {subject}.", listedAs: "others", values: ["subject": "sa"],
                                              members: ["Deployment a", "Deployment b", "Deployment c"], trailer: "and 4 more")
        let split = finding("Deployment a runs as sa, ", FindingMessage.Ending(group, omitting: 0))
        let whole = finding("Deployment a runs as sa, shared with Deployment b, Deployment c, and 4 more as sa.")
        #expect(split.message == whole.message)
        #expect(split == whole && split.hashValue == whole.hashValue)
        #expect(finding("Deployment c runs as sa, ", FindingMessage.Ending(group, omitting: 2)).message
            == "Deployment c runs as sa, shared with Deployment a, Deployment b, and 4 more as sa.")
        #expect(split != finding("Deployment a runs as sa, ", FindingMessage.Ending(group, omitting: 1)))
        #expect(split != finding("Deployment z runs as sa, ", FindingMessage.Ending(group, omitting: 0)))
        // The redactor reads the joined text: a credential cut in two by the join is still found.
        let leakyGroup = FindingMessage.SharedList(template: "{others}", listedAs: "others", values: [:], members: ["x", "Hunter2@idp.example.com/token"], trailer: nil)
        let leaky = finding("reached at https://ops:Hunter2", FindingMessage.Ending(leakyGroup, omitting: 0))
        #expect(!leaky.message.contains("Hunter2Hunter2") && leaky.message.contains("idp.example.com"))
        #expect(leaky.message == finding("reached at https://ops:Hunter2Hunter2@idp.example.com/token").message)
        // A head with nothing to redact is not enough: the ending may hold a secret, or
        // make a URL with the head's last word where the two meet.
        for (head, member) in [("reached at https:", "//ops:Hunter2@idp.example.com/token"), ("set with ", "password=Hunter2")] {
            let group = FindingMessage.SharedList(template: "{others}", listedAs: "others", values: [:], members: ["x", member], trailer: nil)
            let message = finding(head, FindingMessage.Ending(group, omitting: 0)).message
            #expect(!message.contains("Hunter2") && message == finding(head + member).message, "\(message)")
        }
    }

    @Test("fingerprints survive moving and reformatting, and change with the secret")
    func fingerprints() throws {
        let original = """
        apiVersion: v1
        kind: Secret
        metadata: {name: db, namespace: app}
        stringData:
          password: first-secret-value
        """
        let moved = "# a comment that shifts every line\n\n" + original.replacingOccurrences(of: "metadata: {name: db, namespace: app}", with: "metadata:\n  namespace: app\n  name: db")
        let rotated = original.replacingOccurrences(of: "first-secret-value", with: "second-secret-value")
        func fingerprint(_ text: String) throws -> (String, Int) {
            let finding = try #require(scan(["s.yaml": text]).findings(of: "K8S-SECRET-DATA-IN-MANIFEST").first)
            return (finding.fingerprint, finding.location.line)
        }
        let (first, firstLine) = try fingerprint(original)
        let (second, secondLine) = try fingerprint(moved)
        #expect(first == second)
        #expect(firstLine != secondLine)
        #expect(try fingerprint(rotated).0 != first)
    }

    @Test("a fingerprint does not depend on the scan's clock: a Terraform password counted from its apply")
    func fingerprintsIgnoreTheClock() throws {
        let password = """
        resource "azuread_application_password" "runner" {
          application_object_id = "00000000-0000-0000-0000-000000000001"
          display_name          = "runner"
          end_date_relative     = "17520h"
        }
        """
        func finding(at now: Date) throws -> Finding {
            try #require(scan(["main.tf": password]) { $0.setClock(now) }.findings(of: "ENTRA-CREDENTIAL-LONG-LIVED").first)
        }
        let today = try finding(at: Date(timeIntervalSince1970: 1_796_000_000))
        let later = try finding(at: Date(timeIntervalSince1970: 1_796_000_000 + 3_600 * 30))
        #expect(today.fingerprint == later.fingerprint)
        #expect(today.message.contains("17520h after apply"), "\(today.message)")
    }

    @Test("a rule that points at a Secret's data gets it redacted, whatever the rule says")
    func userRuleCannotLeak() throws {
        var library = builtInLibrary
        try library.load(text: """
        rules:
          - id: ORG-SECRET-SHAPE
            title: Secret with a password
            severity: low
            rationale: r
            remediation: r
            controls: [OWASP-NHI-2025:NHI2]
            message: '{name} password is {data.password}; applied {metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]}'
            match:
              kinds: [k8s.Secret]
              each: data.password
        """, path: "org.yaml", isBuiltIn: false)
        let secret = "cGxhbnRlZC1zZWNyZXQtdmFsdWUtOTk="
        let applied = #"{\"data\":{\"password\":\"\#(secret)\"}}"#
        let text = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: \"\(applied)\"\ndata:\n  password: \(secret)\n"
        let result = IdentityScanner(library: library, configuration: ScanConfiguration())
            .scan(files: [InputFile(displayPath: "s.yaml", source: .content(Array(text.utf8)))])
        let finding = try #require(result.findings(of: "ORG-SECRET-SHAPE").first)
        #expect(!finding.message.contains(secret))
        #expect(finding.evidence?.contains(secret) == false)
        #expect(finding.message.contains("redacted"))
    }

    @Test("a planted secret never appears whole in findings")
    func secretNotInFindings() throws {
        let secret = "planted-9f8e7d6c5b4a-token"
        let result = scan(["s.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: x}\nstringData:\n  token: \(secret)\n"])
        let finding = try #require(result.findings(of: "K8S-SECRET-DATA-IN-MANIFEST").first)
        #expect(!finding.message.contains(secret))
        #expect(finding.evidence?.contains(secret) == false)
    }

    @Test("a fingerprint is the first 32 hex digits of its material's SHA-256, and findings order by them as text")
    func fingerprintDigits() {
        let material = ["K8S-POD-EXEC", "k8s.Role", "Role ns/a#rules[0]", Redaction.stable("")].joined(separator: "\u{1F}")
        let expected = String(SHA256.hex(Array(material.utf8)).prefix(32))
        #expect(Fingerprint.make(ruleID: "K8S-POD-EXEC", documentKind: "k8s.Role", logicalPath: "Role ns/a#rules[0]", evidence: nil) == expected)
        let values = (0..<200).map { Fingerprint.values(ruleID: "R", documentKind: "k", logicalPath: "p\($0)", evidence: nil).fingerprint }
        #expect(values.map(\.hex) == values.map { String(SHA256.hex(Array("R\u{1F}k\u{1F}p\(values.firstIndex(of: $0)!)\u{1F}\(Redaction.stable(""))".utf8)).prefix(32)) })
        #expect(values.sorted().map(\.hex) == values.map(\.hex).sorted())
        #expect(Fingerprint.Value(high: 0x0123_4567_89AB_CDEF, low: 0xFEDC_BA98_7654_3210).hex == "0123456789abcdeffedcba9876543210")
        for value in values { #expect(Fingerprint.Value(hex: value.hex) == value) }
        #expect(Fingerprint.Value(hex: "0123456789ABCDEFfedcba9876543210") == nil)
        #expect(Fingerprint.Value(hex: "0123456789abcdeffedcba987654321") == nil)
        #expect(Fingerprint.Value(hex: "0123456789abcdeffedcba98765432100") == nil)
        #expect(Fingerprint.Value(hex: "0123456789abcdeffedcba987654321g") == nil)
        let finding = Finding(ruleID: "R", severity: .low, message: "m", location: SourceLocation(file: "f", span: SourceSpan(at: SourcePosition(line: 1, column: 1))),
                              documentKind: "k", logicalPath: "p")
        #expect(Fingerprint.Value(hex: finding.fingerprint) == finding.fingerprintValue)
        #expect(Fingerprint.Value(hex: finding.fingerprint.uppercased()) != finding.fingerprintValue)
        #expect(Fingerprint.Value(hex: String(finding.fingerprint.dropLast()) + (finding.fingerprint.hasSuffix("0") ? "1" : "0")) != finding.fingerprintValue)
    }

    @Test("a finding's identity is its fingerprint without evidence: the same with other evidence, other on another element")
    func identityWithoutEvidence() {
        func finding(_ path: String, evidence: String?) -> Finding {
            Finding(ruleID: "K8S-POD-EXEC", severity: .high, message: "m", location: SourceLocation(file: "f", span: SourceSpan(at: SourcePosition(line: 1, column: 1))),
                    evidence: evidence, documentKind: "k8s.Role", logicalPath: path)
        }
        let withEvidence = finding("Role ns/a#rules[0]", evidence: "get pods/exec")
        let material = ["K8S-POD-EXEC", "k8s.Role", "Role ns/a#rules[0]", "get pods/exec"].joined(separator: "\u{1F}")
        #expect(withEvidence.fingerprint == String(SHA256.hex(Array(material.utf8)).prefix(32)))
        #expect(withEvidence.identity == Fingerprint.make(ruleID: "K8S-POD-EXEC", documentKind: "k8s.Role", logicalPath: "Role ns/a#rules[0]", evidence: nil))
        #expect(withEvidence.identity != withEvidence.fingerprint)
        #expect(finding("Role ns/a#rules[0]", evidence: "create pods/exec").identity == withEvidence.identity)
        #expect(finding("Role ns/a#rules[0]", evidence: nil).fingerprint == withEvidence.identity)
        #expect(finding("Role ns/b#rules[0]", evidence: "get pods/exec").identity != withEvidence.identity)
    }
}
