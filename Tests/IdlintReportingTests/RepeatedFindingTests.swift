import Foundation
import Testing
@testable import IdlintEngine
@testable import IdlintReporting
import IdlintSyntax

/// An operator ships one ClusterRole in three install variants, and a role of its own
/// elsewhere: text and Markdown show the repeated finding once with its places, JSON and
/// SARIF keep every result.
@Suite("Repeated findings")
struct RepeatedFindingTests {
    static let readsSecrets = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: operator}
    rules:
      - {apiGroups: [""], resources: [secrets], verbs: [get, list]}
    """

    static func variants() -> ScanResult {
        let files = ["install/all-in-one.yaml", "install/namespaced.yaml", "install/openshift.yaml"].map {
            InputFile(displayPath: $0, source: .content(Array(readsSecrets.utf8)))
        }
        let other = InputFile(displayPath: "other/role.yaml", source: .content(Array(readsSecrets.replacingOccurrences(of: "operator", with: "exporter").utf8)))
        return IdentityScanner(library: library, configuration: ScanConfiguration()).scan(files: files + [other])
    }

    @Test("findings group by rule, severity and message, first place first")
    func grouping() {
        let result = Self.variants()
        let reads = result.activeFindings.filter { $0.ruleID == "K8S-SECRETS-READ" }
        #expect(reads.count == 4)
        let groups = RepeatedFinding.grouping(reads)
        #expect(groups.map(\.count) == [3, 1])
        #expect(groups[0].first.location.file == "install/all-in-one.yaml")
        #expect(groups[0].repeatedPlaces().map { $0.split(separator: ":")[0] } == ["install/namespaced.yaml", "install/openshift.yaml"])
        #expect(groups[0].repeatedPlaces(limit: 1).count == 1 && groups[0].repeatCount == 2)
        #expect(groups[1].first.location.file == "other/role.yaml")
        // The same groups from the whole result, the others left out by the filter.
        let filtered = RepeatedFinding.grouping(result.findings) { $0.pointee.ruleID == "K8S-SECRETS-READ" }
        #expect(filtered.map(\.count) == [3, 1])
        #expect(filtered.map(\.first.location.file) == groups.map(\.first.location.file))
    }

    @Test("names that differ only in Unicode normalisation are different objects, not one finding repeated")
    func normalisationKeepsObjectsApart() {
        func finding(_ name: String, line: Int32) -> Finding {
            Finding(ruleID: "K8S-WILDCARD-VERB", severity: .high, message: "Role \(name) grants every verb ('*')",
                    location: SourceLocation(file: "roles.yaml", span: SourceSpan(at: SourcePosition(line: line, column: 1))),
                    documentKind: "k8s.Role", logicalPath: "Role/\(name)")
        }
        let precomposed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(precomposed == decomposed, "Swift's String equality treats them as one text")
        let groups = RepeatedFinding.grouping([finding(precomposed, line: 1), finding(decomposed, line: 9), finding(precomposed, line: 20)])
        #expect(groups.map(\.count) == [2, 1])
    }

    @Test("text shows a repeated finding once, with its other places, and counts what is distinct")
    func text() {
        let result = Self.variants()
        let output = render(.text, result)
        #expect(output.split(separator: "\n").count { $0.contains("K8S-SECRETS-READ") } == 2)
        #expect(output.contains("= the same in 2 more places:"))
        #expect(output.contains("install/namespaced.yaml:5:"))
        #expect(!output.contains("install/openshift.yaml\n"), "a file whose findings all repeat earlier ones gets no heading of its own")
        #expect(output.contains("\(result.activeCount) findings"))
        let distinct = RepeatedFinding.grouping(result.activeFindings).count
        #expect(output.contains("; \(distinct) distinct)"))
        let compact = ReportFormat.text.reporter(colour: false, compact: true).render(ReportInput(result: result, library: library, sourceRoot: "/"))
        #expect(compact.contains("install/openshift.yaml:5:"), "compact output keeps one line per finding")
    }

    @Test("Markdown shows one row per repeated finding, naming the other places")
    func markdown() {
        let output = render(.markdown, Self.variants())
        let rows = output.split(separator: "\n").filter { $0.contains("`K8S-SECRETS-READ`") }
        #expect(rows.count == 2)
        #expect(rows.contains { $0.contains("`install/all-in-one.yaml:5:") && $0.contains("and 2 more: `install/namespaced.yaml:5:") })
        #expect(output.contains("distinct things"))
    }

    @Test("JSON and SARIF keep every result")
    func machineFormats() throws {
        let result = Self.variants()
        let json = try JSONSerialization.jsonObject(with: Data(render(.json, result).utf8)) as! [String: Any]
        #expect((json["findings"] as! [Any]).count == result.findings.count)
        let sarif = try JSONSerialization.jsonObject(with: Data(render(.sarif, result).utf8)) as! [String: Any]
        let runs = sarif["runs"] as! [[String: Any]]
        #expect((runs[0]["results"] as! [Any]).count >= result.activeCount)
    }
}
