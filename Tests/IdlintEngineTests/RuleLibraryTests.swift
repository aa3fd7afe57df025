import Foundation
import Testing
@testable import IdlintEngine

@Suite("Rule library")
struct RuleLibraryTests {
    @Test("every built-in rule is complete and maps to OWASP NHI or ASI")
    func rulesComplete() {
        #expect(builtInLibrary.rules.count >= 20)
        for rule in builtInLibrary.rules {
            #expect(!rule.title.isEmpty && !rule.rationale.isEmpty && !rule.remediation.isEmpty && !rule.message.isEmpty, "\(rule.id)")
            #expect(rule.controls.contains { $0.hasPrefix("OWASP-NHI-2025:") || $0.hasPrefix("OWASP-ASI-2026:") }, "\(rule.id)")
            #expect(rule.isBuiltIn)
        }
    }

    @Test("the catalogs hold the controls their sources list")
    func catalogsComplete() throws {
        func catalog(_ id: String) throws -> Catalog { try #require(builtInLibrary.catalogs.first { $0.id == id }) }
        #expect(try catalog("OWASP-NHI-2025").controls.map(\.id) == (1...10).map { "NHI\($0)" })
        #expect(try catalog("OWASP-ASI-2026").controls.map(\.id) == (1...10).map { String(format: "ASI%02d", $0) })
        #expect(try catalog("NIST-AI-RMF-1.0").controls.count == 72)
        let maestro = try catalog("CSA-MAESTRO-2025").controls.map(\.id)
        #expect((1...7).allSatisfy { maestro.contains("L\($0)") })
        let cis = try catalog("CIS-K8S-1.10").controls.map(\.id)
        #expect((1...13).allSatisfy { cis.contains("5.1.\($0)") })
    }

    @Test("a rule naming a control that no catalog has is rejected with its position")
    func unknownControlRejected() throws {
        var library = builtInLibrary
        try library.load(text: """
        rules:
          - id: CUSTOM-ONE
            title: Custom
            severity: low
            rationale: Because.
            remediation: Fix it.
            controls: [OWASP-NHI-2025:NHI99]
            message: "{kind} {name}"
            match:
              kinds: [k8s.Role]
        """, path: "custom/rules.yaml", isBuiltIn: false)
        let error = #expect(throws: DataFileError.self) { try library.validate() }
        #expect(error?.file == "custom/rules.yaml")
        #expect(error?.position?.line == 2)
        #expect(error?.message.contains("NHI99") == true)
    }

    @Test("malformed rule files get an error with file, line and column", arguments: [
        ("rules:\n  - id: X\n    title: [unclosed\n", 4),
        ("rules:\n  - id: X\n    title: T\n    severity: urgent\n    rationale: r\n    remediation: r\n    controls: [OWASP-NHI-2025:NHI5]\n    message: m\n    match: {kinds: [k8s.Role]}\n", 4),
        ("rules:\n  - id: X\n    title: T\n    severity: low\n    rationale: r\n    remediation: r\n    controls: [OWASP-NHI-2025:NHI5]\n    message: m\n    match: {kinds: [k8s.Role], wher: {}}\n", 9),
        ("rules:\n  - id: X\n    title: T\n    severity: low\n    rationale: r\n    remediation: r\n    controls: [OWASP-NHI-2025:NHI5]\n    message: m\n    match:\n      kinds: [k8s.Role]\n      each: rules[oops]\n", 11),
        ("rules:\n  - id: X\n    title: T\n    severity: low\n    rationale: r\n    remediation: r\n    controls: [OWASP-NHI-2025:NHI5]\n    message: m\n    match:\n      kinds: [k8s.Role]\n      at: {path: rules, same-as-another: rules}\n", 11),
        ("rules:\n  - id: X\n    title: T\n    severity: low\n    rationale: r\n    remediation: r\n    controls: [OWASP-NHI-2025:NHI5]\n    message: m\n    match:\n      kinds: [k8s.Role]\n      where: {above: [1]}\n", 11),
    ])
    func malformedRuleFile(text: String, line: Int) {
        var library = RuleLibrary()
        let error = #expect(throws: DataFileError.self) { try library.load(text: text, path: "bad.yaml", isBuiltIn: false) }
        #expect(error?.file == "bad.yaml")
        #expect(error?.position?.line == Int32(line), "\(String(describing: error))")
    }

    @Test("a duplicate rule id is rejected")
    func duplicateRejected() {
        var library = builtInLibrary
        let text = singleRuleFile(id: "K8S-SECRETS-READ", match: "{kinds: [k8s.Role]}")
        #expect(throws: DataFileError.self) { try library.load(text: text, path: "dup.yaml", isBuiltIn: false) }
    }

    @Test("user rules run without recompiling")
    func userRuleRuns() throws {
        var library = builtInLibrary
        try library.load(text: """
        rules:
          - id: ORG-NO-PROD-EDIT
            title: Production namespaces must not grant edit
            severity: medium
            rationale: Production changes go through the pipeline.
            remediation: Remove the binding.
            controls: [OWASP-NHI-2025:NHI5]
            message: "{kind} {name} grants {roleRef.name} in {namespace}"
            match:
              kinds: [k8s.RoleBinding]
              where:
                all:
                  - {path: metadata.namespace, glob: "prod-*"}
                  - {path: roleRef.name, in: [edit, admin]}
              at: roleRef.name
        """, path: "org/rules.yaml", isBuiltIn: false)
        try library.validate()
        let result = IdentityScanner(library: library, configuration: ScanConfiguration()).scan(files: [InputFile(
            displayPath: "b.yaml", source: .content(Array("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: ops, namespace: prod-eu}
            roleRef: {kind: ClusterRole, name: edit, apiGroup: rbac.authorization.k8s.io}
            subjects: [{kind: Group, name: ops}]
            """.utf8)))])
        let finding = try #require(result.findings(of: "ORG-NO-PROD-EDIT").first)
        #expect(finding.message == "RoleBinding ops grants edit in prod-eu")
        #expect(finding.location.line == 4 && finding.location.column == 36)
    }
}
