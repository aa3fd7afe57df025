import Foundation
import Testing
@testable import IdlintEngine
@testable import IdlintReporting

@Suite("Change gate reports")
struct DiffReportTests {
    static func comparison() -> ChangeComparison {
        func files(_ entries: [(String, String)]) -> [InputFile] {
            entries.map { InputFile(displayPath: $0.0, source: .content(Array($0.1.utf8))) }
        }
        let role = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: deployer, namespace: ci}
        rules:
          - apiGroups: [""]
            resources: [configmaps]
            verbs: [get]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: deployer, namespace: ci}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}
        subjects: [{kind: ServiceAccount, name: release-agent}]
        """
        let secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: old}\nstringData:\n  token: \(plantedSecrets[0])\n"
        let widened = role.replacingOccurrences(of: "resources: [configmaps]", with: "resources: [configmaps, secrets]")
        return ChangeGate(library: library, configuration: ScanConfiguration(), actor: .agent)
            .compare(base: files([("rbac.yaml", role), ("old.yaml", secret)]), head: files([("rbac.yaml", widened)]))
    }

    func render(_ format: ReportFormat) -> String {
        format.diffReporter(colour: false).render(DiffReportInput(comparison: Self.comparison(), library: library, sourceRoot: "/work/project"))
    }

    @Test("SARIF in diff mode carries baselineState and is schema-valid")
    func sarif() throws {
        let text = render(.sarif)
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let results = ((json["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]])
        #expect(Set(results.compactMap { $0["baselineState"] as? String }) == ["new", "absent"])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("idlint-diff-\(UUID().uuidString).sarif")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(text.utf8).write(to: file)
        let (status, output) = try run("python3", [packageRoot.appendingPathComponent("scripts/validate-json-schema.py").path,
                                                    packageRoot.appendingPathComponent("Tests/IdlintReportingTests/Schemas/sarif-schema-2.1.0.json").path, file.path])
        #expect(status == 0, "\(output)")
    }

    @Test("JSON leads with the gate and lists the privilege delta and surfaces")
    func json() throws {
        let json = try JSONSerialization.jsonObject(with: Data(render(.json).utf8)) as! [String: Any]
        #expect(json["schema"] as? String == "idlint-diff/1")
        let gate = json["gate"] as! [String: Any]
        #expect(gate["verdict"] as? String == "block")
        let delta = (json["privilegeDelta"] as! [[String: Any]])[0]
        #expect(delta["principal"] as? String == "ServiceAccount ci/release-agent")
        #expect((delta["gained"] as! [String]).contains("get secrets (core) in namespace ci"))
        #expect((delta["through"] as! [String]).contains { $0.contains("release-agent") || $0.contains("→") })
        #expect(json["surfaces"] is [[String: Any]])
    }

    @Test("Markdown leads with the verdict, then findings, delta table and a Mermaid chain; no secret leaks", arguments: ReportFormat.allCases)
    func markdownAndSecrets(format: ReportFormat) {
        let output = render(format)
        #expect(!output.contains(plantedSecrets[0]))
        if format == .markdown {
            #expect(output.hasPrefix("## ⛔ idlint change gate: **block**"))
            #expect(output.contains("### Privilege delta"))
            #expect(output.contains("```mermaid"))
        }
    }
}
