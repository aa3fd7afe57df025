import Foundation
import Testing
@testable import IdlintEngine

@Suite("Scanner")
struct ScannerTests {
    static let role = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: reader
    rules:
      - apiGroups: [""]
        resources: [secrets]
        verbs: [get]
    """

    @Test("a large file parsed on one thread and judged on another gives the findings, errors and counts of one thread")
    func pipelinedFile() {
        // Risky and harmless roles, workloads sharing an account, a Secret, an inline
        // suppression, a document that is not Kubernetes, and a syntax error at the end.
        var text = ""
        for index in 0..<400 {
            switch index % 5 {
            case 0: text += "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: all-\(index), namespace: a}\nrules:\n  - {apiGroups: [\"*\"], resources: [\"*\"], verbs: [\"*\"]}\n"
            case 1: text += "---\n" + Self.role.replacingOccurrences(of: "reader", with: "reader-\(index)") + "\n"
            case 2: text += "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web-\(index), namespace: a}\nspec:\n  template:\n    spec:\n      serviceAccountName: shared\n      containers: [{name: c, image: x}]\n"
            case 3: text += "---\napiVersion: v1\nkind: Secret\nmetadata: {name: s-\(index), namespace: a}\nstringData:\n  # idlint:ignore K8S-SECRET-DATA-IN-MANIFEST reason=\"fixture\"\n  password: hunter2-\(index)\n"
            default: text += "---\nsettings: {index: \(index)}\n"
            }
        }
        func run(_ text: String, pipelinedFrom bytes: Int) -> ScanResult {
            makeScanner {
                $0.pipelinedFileBytes = bytes
                $0.jobs = 2
                $0.keepsModel = true
            }.scan(files: [InputFile(displayPath: "bundle.yaml", source: .content(Array(text.utf8)))])
        }
        // Without the error, the file is counted as read, and its facts keep their order.
        let whole = run(text, pipelinedFrom: .max), wholeTwo = run(text, pipelinedFrom: 0)
        #expect(wholeTwo.findings.map(\.fingerprint) == whole.findings.map(\.fingerprint))
        #expect(wholeTwo.statistics.filesRecognised == 1 && whole.statistics.filesRecognised == 1)
        #expect(wholeTwo.statistics.grantPlatforms == whole.statistics.grantPlatforms)
        #expect(wholeTwo.model?.kubernetes.roles.map(\.ref.name) == whole.model?.kubernetes.roles.map(\.ref.name))
        #expect(wholeTwo.model?.kubernetes.workloads.map(\.ref.name) == whole.model?.kubernetes.workloads.map(\.ref.name))
        #expect(wholeTwo.model?.credentials.count == whole.model?.credentials.count)
        // Only documents idlint does not read: the same note that it read none.
        let unread = String(repeating: "---\nsettings: {a: 1}\n", count: 200)
        #expect(run(unread, pipelinedFrom: 0).diagnostics.map(\.description) == run(unread, pipelinedFrom: .max).diagnostics.map(\.description))
        text += "---\nkind: Role\nrules: [\n"
        let one = run(text, pipelinedFrom: .max), two = run(text, pipelinedFrom: 0)
        #expect(one.findings.count > 400)
        #expect(two.findings.map(\.fingerprint) == one.findings.map(\.fingerprint))
        #expect(two.findings.map(\.message) == one.findings.map(\.message))
        #expect(two.findings.map(\.location) == one.findings.map(\.location))
        #expect(two.findings.map(\.isSuppressed) == one.findings.map(\.isSuppressed))
        #expect(one.findings.contains { $0.isSuppressed } && one.findings.contains { $0.ruleID == "K8S-SHARED-SERVICE-ACCOUNT" })
        #expect(two.diagnostics.map(\.description) == one.diagnostics.map(\.description))
        #expect(one.diagnostics.contains { $0.level == .error }, "the syntax error at the end is still the file's error")
        #expect(two.statistics.objectsByKind == one.statistics.objectsByKind && two.statistics.documents == one.statistics.documents)
    }

    @Test("a malformed file is an error with its position; the other files are still scanned")
    func badFileDoesNotStopScan() throws {
        let result = scan(["bad.yaml": "kind: Role\nrules: [\n", "bad.json": "{\"Statement\": }", "good.yaml": Self.role])
        #expect(result.findings(of: "K8S-SECRETS-READ").count == 1)
        let errors = result.diagnostics.filter { $0.level == .error }
        #expect(Set(errors.map(\.file)) == ["bad.yaml", "bad.json"])
        #expect(errors.allSatisfy { $0.position != nil })
        #expect(result.fails(at: .critical), "parse errors fail the scan whatever the threshold")
    }

    @Test("binary, UTF-16 without a byte order mark and invalid UTF-8 are errors with a position, without stopping the scan")
    func binaryAndEncoding() {
        let inputs = [
            InputFile(displayPath: "blob.yaml", source: .content([0x7F, 0x45, 0x4C, 0x46, 0, 0, 1])),
            InputFile(displayPath: "latin1.yaml", source: .content(Array("name: caf".utf8) + [0xE9] + Array("\n".utf8))),
            InputFile(displayPath: "utf16.yaml", source: .content(Array("kind: Role\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))),
            InputFile(displayPath: "nul.yaml", source: .content(Array((Self.role + "\n# \0\n").utf8))),
            InputFile(displayPath: "good.yaml", source: .content(Array(Self.role.utf8))),
        ]
        let result = makeScanner().scan(files: inputs)
        for name in ["blob.yaml", "utf16.yaml", "nul.yaml"] {
            let refused = result.diagnostics.first { $0.file == name }
            #expect(refused?.level == Diagnostic.Level.error, "\(name) must fail the scan, not pass as unread")
            #expect(refused?.position != nil)
        }
        #expect(result.diagnostics.first { $0.file == "nul.yaml" }?.position?.line == 9)
        let latin = result.diagnostics.first { $0.file == "latin1.yaml" }
        #expect(latin?.level == Diagnostic.Level.error)
        #expect(latin?.position?.line == 1)
        #expect(result.findings(of: "K8S-SECRETS-READ").count == 1)
        #expect(result.fails(at: .critical))
    }

    @Test("files read that hold no identity configuration are counted and named, not silent")
    func unrecognisedFilesAreNamed() {
        let result = scan(["role.yaml": Self.role, "values.yaml": "replicas: 2\nimage: app\n", "broken.yaml": "a: ["])
        #expect(result.statistics.filesRecognised == 1)
        #expect(result.statistics.filesNotRecognised == ["values.yaml"], "a parse error is an error, not an unrecognised file")
    }

    @Test("parallel and serial scans give identical findings")
    func parallelMatchesSerial() {
        var files: [String: String] = [:]
        for index in 0..<40 {
            files["r\(index).yaml"] = Self.role.replacingOccurrences(of: "name: reader", with: "name: reader-\(index)")
        }
        let serial = scan(files) { $0.jobs = 1 }
        let parallel = scan(files) { $0.jobs = 4 }
        #expect(serial.findings == parallel.findings)
        #expect(serial.findings.count == 40)
    }

    @Test("a List wrapper yields its items")
    func listWrapper() {
        let list = """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: a, namespace: ci}
            rules:
              - apiGroups: [""]
                resources: ["*"]
                verbs: [get]
        """
        let result = scan(["list.yaml": list])
        #expect(result.findings(of: "K8S-WILDCARD-RESOURCE").first?.location.line == 9)
    }

    @Test("the scan never writes to its inputs")
    func readOnly() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("role.yaml")
        try write(Self.role, to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: file.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: root.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path) }
        let before = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date
        let result = makeScanner().scan(paths: [root.path])
        #expect(result.findings(of: "K8S-SECRETS-READ").count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["role.yaml"])
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date == before)
    }
}
