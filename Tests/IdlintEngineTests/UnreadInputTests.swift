import Foundation
import Testing
@testable import IdlintEngine

/// A file that does not parse fails the scan when it looks like identity configuration,
/// and is a note when it does not; one that parses into nothing idlint reads is a note
/// when it looks like identity configuration.
@Suite("Unread input: fail closed where it matters, quiet where it does not")
struct UnreadInputTests {
    private func diagnostic(_ result: ScanResult, _ file: String) -> Diagnostic? {
        result.diagnostics.first { $0.file == file }
    }

    @Test("unrelated files that do not parse are notes naming file, line and column", arguments: [
        ("tsconfig.json", "{\n  // comments are not JSON\n  \"compilerOptions\": {\"strict\": true}\n}\n"),
        ("src/main/resources/META-INF/beans.xml", ""),
        ("log4j.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE log4j:configuration SYSTEM \"log4j.dtd\">\n<log4j:configuration/>\n"),
        ("docker-compose.yaml", "services:\n  web: [\n"),
    ])
    func unrelatedIsNote(file: String, text: String) throws {
        let result = scan([file: text])
        let note = try #require(diagnostic(result, file))
        #expect(note.level == .note)
        #expect(note.position != nil, "the note names line and column")
        #expect(note.message.contains("not read as identity configuration"))
        #expect(!result.hasErrors, "an unrelated file must not fail the scan")
    }

    @Test("files that look like identity configuration still fail the scan when they do not parse", arguments: [
        ("policy.json", "{\"Version\": \"2012-10-17\", \"Statement\": [\n"),
        ("data/export.json", "{\"realm\": \"acme\", // exported\n}"),
        ("deploy/role.json", "{\"apiVersion\": \"v1\", \"kind\": \"Role\",}"),
        ("idp.xml", "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\">\n"),
        ("config/sso.xml", "<root>\n"),
        ("manifests/app.yaml", "apiVersion: v1\nkind: Role\nrules: [\n"),
        (".github/workflows/ci.yml", "on: push\njobs: [\n"),
        ("realm-export.json", "{,}"),
        ("clusters/kubeconfig", "clusters: [\n"),
        (".mcp.json", "{,}"),
        ("main.tf", "resource \"aws_iam_role\" \"x\" {\n"),
        ("notes.json", "{\"key\": \"-----BEGIN RSA PRIVATE KEY-----\n"),
    ])
    func identityLookingIsError(file: String, text: String) throws {
        let result = scan([file: text])
        let error = try #require(result.diagnostics.first { $0.file == file && $0.level == .error }, "\(result.diagnostics)")
        #expect(error.message.contains("it looks like identity configuration"), "the error says why: \(error.message)")
        #expect(result.fails(at: .critical))
    }

    @Test("input that cannot be read at all stays an error whatever its name")
    func unreadableStaysError() {
        let inputs = [
            InputFile(displayPath: "tsconfig.json", source: .content(Array("{\"a\": 1}\0".utf8))),
            InputFile(displayPath: "beans.xml", source: .unreadable("cannot open: Permission denied")),
            InputFile(displayPath: "values.yaml", source: .content(Array("a: caf".utf8) + [0xE9])),
        ]
        let result = makeScanner().scan(files: inputs)
        for input in inputs {
            #expect(result.diagnostics.first { $0.file == input.displayPath }?.level == .error, "\(input.displayPath)")
        }
    }

    @Test("a file whose first documents were recognised stays an error when a later one does not parse")
    func partlyReadStaysError() {
        // A workflow outside .github/workflows/ carries none of the markers: only having
        // been recognised keeps the file's error.
        let text = "on: push\njobs:\n  test: {runs-on: ubuntu-latest}\n---\nservices: [\n"
        #expect(IdentityConfigLook.reason(path: "ci-and-more.yaml", bytes: Array(text.utf8)) == nil)
        let result = scan(["ci-and-more.yaml": text])
        #expect(diagnostic(result, "ci-and-more.yaml")?.level == .error)
    }

    @Test("in a change, a file the base read that the head cannot parse blocks the gate, however plain it looks")
    func brokenInHeadBlocks() {
        let policy = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#
        let broken = compareInMemory(["admin.json": policy], ["admin.json": "{,}"])
        #expect(broken.verdict == .block, "\(broken.reasons)")
        #expect(broken.head.diagnostics.first { $0.file == "admin.json" }?.level == .error)
        // A file the base did not read as identity configuration stays a note.
        let unrelated = compareInMemory(["tsconfig.json": "{}"], ["tsconfig.json": "{,}"])
        #expect(unrelated.verdict == .pass, "\(unrelated.reasons)")
    }

    @Test("a SAML-named XML file whose root is no SAML element is a note naming the root")
    func samlNamedButNotSAML() throws {
        let response = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"r1\"/>\n"
        let result = scan(["saml/idp-metadata.xml": response])
        let note = try #require(diagnostic(result, "saml/idp-metadata.xml"))
        #expect(note.level == .note)
        #expect(note.message.contains("Response (urn:oasis:names:tc:SAML:2.0:protocol)"), "\(note.message)")
        #expect(note.position?.line == 1)
        #expect(!result.hasErrors)
        // Placed in a saml/ folder, an XML file of another kind is noted too.
        let placed = scan(["deploy/saml/sp.xml": "<beans/>\n"])
        #expect(diagnostic(placed, "deploy/saml/sp.xml")?.message.contains("it is in a folder named saml") == true)
    }

    @Test("a JSON file that looks like an identity export but is none is a note")
    func exportThatIsNot() throws {
        let result = scan(["realm-export.json": "{\"displayName\": \"Acme\"}", "backup.json": "{\"realm\": {\"name\": \"acme\"}}"])
        let named = try #require(diagnostic(result, "realm-export.json"))
        #expect(named.level == .note)
        #expect(named.message.contains("looks like identity configuration (its name says realm (realm-export.json))"), "\(named.message)")
        let keyed = try #require(diagnostic(result, "backup.json"))
        #expect(keyed.level == .note)
        #expect(keyed.message.contains("it has the key \"realm\""), "\(keyed.message)")
    }

    @Test("unrelated JSON and XML that parse, and recognised files, get no note")
    func noNoteWhenNothingLooksOff() {
        let result = scan([
            "package.json": "{\"name\": \"app\", \"version\": \"1.0.0\"}",
            // A folder's name counts for a broken file only, not for one that parsed.
            "saml-service/ajv-options.json": "{\"strict\": false}",
            "pom.xml": "<project><modelVersion>4.0.0</modelVersion></project>",
            "saml/idp.xml": "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://idp.example.com\"/>",
            // Test vectors that mention JWK members deep inside are not identity exports.
            "vectors.json": "{\"algorithm\": \"RSA\", \"testGroups\": [{\"key\": {\"kty\": \"RSA\"}}]}",
        ])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test("the look at a file names why it counts", arguments: [
        ("a/b/.github/workflows/x.yml", "", "it is under .github/workflows/"),
        ("iam-policy.json", "", "its name says iam (iam-policy.json)"),
        ("deploy/saml/x.xml", "", "it is in a folder named saml"),
        ("x.json", "{\"Statement\": []}", "it mentions \"Statement\""),
        ("x.yaml", "kind: Foo", "it mentions kind:"),
    ])
    func lookReasons(path: String, text: String, reason: String) {
        #expect(IdentityConfigLook.reason(path: path, bytes: Array(text.utf8)) == reason)
    }

    @Test("a word inside another word is no identity word, and a JSON \"kind\" alone is not a marker")
    func lookIsNotTooEager() {
        #expect(IdentityConfigLook.reason(path: "home/william/tsconfig.json", bytes: []) == nil)
        #expect(IdentityConfigLook.reason(path: ".vscode/tasks.json", bytes: Array("{\"group\": {\"kind\": \"build\"}}".utf8)) == nil)
        #expect(IdentityConfigLook.reason(path: "metadata.json", bytes: []) == nil)
        // A folder counts by its whole name: not the checkout a user scans from.
        #expect(IdentityConfigLook.reason(path: "/tmp/idp-corpus/bench/Heap.json", bytes: []) == nil)
    }

    @Test("the gate counts a file as unread in the base only when it was: a warning on a read file is not that")
    func whatSaysUnread() {
        let role = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r, namespace: a}\n"
            + "rules:\n  # idlint:ignore K8S-SECRETS-READ-NAMESPACE reason=\"old\" expires=2020-01-01\n  - {apiGroups: [\"\"], resources: [secrets], verbs: [get]}\n"
        let read = scan(["rbac/role.yaml": role])
        let warnings = read.diagnostics.filter { $0.file == "rbac/role.yaml" }
        #expect(!warnings.isEmpty && !warnings.contains(where: UnreadInput.saysUnread), "\(warnings.map(\.message))")
        let tsconfig = scan(["tsconfig.json": "{\n  // comment\n  \"a\": 1\n}\n"])
        #expect(tsconfig.diagnostics.contains(where: UnreadInput.saysUnread))
    }
}
