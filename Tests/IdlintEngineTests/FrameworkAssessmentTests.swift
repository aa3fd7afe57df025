import Foundation
import Testing
@testable import IdlintEngine

@Suite("Framework assessment")
struct FrameworkAssessmentTests {
    static let wildcardRole = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: everything
    rules:
      - apiGroups: ["*"]
        resources: ["*"]
        verbs: ["*"]
    """

    static let narrowRole = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: reader
    rules:
      - apiGroups: [""]
        resources: [configmaps]
        verbs: [get]
    """

    @Test("every control of every catalog is mapped by a rule or marked out of scope with a reason")
    func coverage() {
        let mapped = Set(builtInLibrary.rules.flatMap(\.controls))
        var missing: [String] = []
        for catalog in builtInLibrary.catalogs {
            for control in catalog.controls where !mapped.contains("\(catalog.id):\(control.id)") {
                if (control.outOfScope ?? "").trimmingCharacters(in: .whitespaces).isEmpty { missing.append("\(catalog.id):\(control.id)") }
            }
        }
        #expect(missing.isEmpty, "neither mapped nor out of scope: \(missing)")
        // A control is one or the other: a rule that evidences it means it is in scope.
        let contradictory = builtInLibrary.catalogs.flatMap { catalog in
            catalog.controls.filter { $0.outOfScope != nil && mapped.contains("\(catalog.id):\($0.id)") }.map { "\(catalog.id):\($0.id)" }
        }
        #expect(contradictory.isEmpty, "mapped by a rule yet marked out of scope: \(contradictory)")
    }

    @Test("every rule maps to at least one OWASP NHI or ASI control")
    func everyRuleMapsToOWASP() {
        let unmapped = builtInLibrary.rules.filter { rule in !rule.controls.contains { $0.hasPrefix("OWASP-NHI-") || $0.hasPrefix("OWASP-ASI-") } }
        #expect(unmapped.isEmpty, "\(unmapped.map(\.id))")
    }

    @Test("failing where findings map, passing where rules met input and found nothing, not assessed where no input met them")
    func statuses() throws {
        let nhi = try #require(builtInLibrary.catalogs.first { $0.id == "OWASP-NHI-2025" })
        let risky = FrameworkAssessment.assess(scan(["role.yaml": Self.wildcardRole]), library: builtInLibrary, catalogs: [nhi])
        let nhi5 = try #require(risky.catalogs[0].controls.first { $0.control.id == "NHI5" })
        #expect(nhi5.status == .failing)
        #expect(nhi5.findings.contains { $0.ruleID.hasPrefix("K8S-") })
        #expect(nhi5.count(of: .critical) + nhi5.count(of: .high) > 0)

        let clean = FrameworkAssessment.assess(scan(["role.yaml": Self.narrowRole]), library: builtInLibrary, catalogs: [nhi])
        let cleanNHI5 = try #require(clean.catalogs[0].controls.first { $0.control.id == "NHI5" })
        #expect(cleanNHI5.status == .passing, "\(cleanNHI5.reason)")
        #expect(cleanNHI5.rulesApplied.contains { $0.hasPrefix("K8S-") })
        // A pass says what it passed over: the rules, and the objects or grants they read.
        #expect(cleanNHI5.reason.hasPrefix("found nothing: ") && cleanNHI5.reason.contains("(grants on kubernetes)"), "\(cleanNHI5.reason)")

        let mixed = FrameworkAssessment.assess(scan(["role.yaml": Self.narrowRole, "notes.yaml": "hello: world\n"]), library: builtInLibrary, catalogs: [nhi])
        #expect(mixed.filesScanned == 2 && mixed.filesRecognised == 1 && mixed.filesNotRecognised == ["notes.yaml"])

        // Nothing recognised: every mapped control is not assessed, none passes.
        let empty = FrameworkAssessment.assess(scan(["notes.yaml": "hello: world\n"]), library: builtInLibrary, catalogs: [nhi])
        #expect(empty.catalogs[0].controls.allSatisfy { $0.status == .notAssessed || $0.status == .outOfScope })
        #expect(empty.rulesRun == 0)
    }

    @Test("a grant rule has met its input only where grants were read: an access key alone holds none")
    func grantRulesNeedGrants() throws {
        let key = #"{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "aws_iam_access_key.ci", "type": "aws_iam_access_key", "values": {"user": "ci"}}]}}}"#
        let result = scan(["plan.json": key])
        #expect(result.statistics.objectsByKind["aws.iam.access-key"] == 1)
        #expect(result.statistics.grantPlatforms.isEmpty)
        let assessment = FrameworkAssessment.assess(result, library: builtInLibrary)
        let adminControls = assessment.catalogs.flatMap(\.controls).filter { $0.rules.contains("AWS-ADMIN-POLICY") }
        #expect(!adminControls.isEmpty)
        #expect(adminControls.allSatisfy { !$0.rulesApplied.contains("AWS-ADMIN-POLICY") })
    }

    @Test("suppressed findings do not fail a control")
    func suppressedFindings() throws {
        let nhi = try #require(builtInLibrary.catalogs.first { $0.id == "OWASP-NHI-2025" })
        let suppressed = Self.wildcardRole.replacingOccurrences(of: "rules:\n", with: "# idlint:ignore all reason=\"break-glass role, reviewed\"\nrules:\n")
        let result = scan(["role.yaml": suppressed])
        let assessment = FrameworkAssessment.assess(result, library: builtInLibrary, catalogs: [nhi])
        let failing = assessment.catalogs[0].controls.filter { $0.status == .failing }
        #expect(failing.allSatisfy { control in control.findings.allSatisfy { $0.suppression == nil } })
    }

    @Test("every rule-to-control link carries a one-line rationale")
    func rationales() {
        var missing: [String] = []
        for rule in builtInLibrary.rules {
            for control in rule.controls where (rule.controlRationale[control] ?? "").isEmpty { missing.append("\(rule.id) → \(control)") }
        }
        #expect(missing.isEmpty, "\(missing.count) links without a rationale, such as \(missing.prefix(5))")
        let long = builtInLibrary.rules.flatMap { rule in rule.controlRationale.filter { $0.value.count > 240 }.map { "\(rule.id) → \($0.key)" } }
        #expect(long.isEmpty, "rationales are one line: \(long.prefix(5))")
    }

    @Test("OWASP's NHI-to-ASI cross-map links controls both ways")
    func crossMap() {
        let fromNHI = builtInLibrary.relatedControls("OWASP-NHI-2025:NHI2")
        #expect(fromNHI.contains("OWASP-ASI-2026:ASI02"))
        #expect(fromNHI.contains("OWASP-ASI-2026:ASI06"))
        #expect(builtInLibrary.relatedControls("OWASP-ASI-2026:ASI06").contains("OWASP-NHI-2025:NHI2"))
        #expect(builtInLibrary.relatedControls("CIS-AWS-5.0:1.1").isEmpty)
    }
}
