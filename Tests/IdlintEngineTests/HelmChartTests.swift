import Testing
@testable import IdlintEngine

/// A chart's templates are judged with its default values, at the template's own lines,
/// and from the scan's own inputs (both sides of a change read their own defaults).
@Suite("Helm charts with their defaults")
struct HelmChartTests {
    static let template = """
    {{- if .Values.rbac.create }}
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: {{ include "op.fullname" . }}
    rules:
    {{- toYaml .Values.rbac.rules | nindent 2 }}
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata:
      name: op
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: '{ include "op.fullname" . }'}
    subjects:
      - kind: ServiceAccount
        name: {{ .Values.serviceAccount.name }}
        namespace: operators
    {{- end }}
    """

    static func values(_ verbs: String) -> String {
        """
        rbac:
          create: true
          rules:
            - apiGroups: [""]
              resources: [secrets]
              verbs: [\(verbs)]
        serviceAccount:
          name: op-controller
        """
    }

    @Test("a rule the defaults hold is judged at the template line that inserts it, for the account they name")
    func defaultsAreJudged() throws {
        let result = scan(["charts/op/templates/rbac.yaml": Self.template, "charts/op/values.yaml": Self.values("get, list")])
        #expect(!result.hasErrors)
        let reads = result.findings(of: "K8S-SECRETS-READ")
        let read = try #require(reads.first { $0.message.contains("ServiceAccount operators/op-controller") }, "\(reads.map(\.message))")
        #expect(read.relatedLocations.contains { $0.location.file == "charts/op/templates/rbac.yaml" && $0.location.line == 7 })
        // Without the defaults, the rules are unknown and nothing is reported.
        let alone = scan(["charts/op/templates/rbac.yaml": Self.template])
        #expect(alone.findings(of: "K8S-SECRETS-READ").isEmpty && !alone.hasErrors)
    }

    @Test("another chart's values, or a values file elsewhere, are not this chart's defaults")
    func onlyTheChartsOwnValues() {
        let result = scan(["charts/op/templates/rbac.yaml": Self.template, "charts/other/values.yaml": Self.values("get"),
                           "values.yaml": Self.values("get")])
        #expect(result.findings(of: "K8S-SECRETS-READ").isEmpty)
    }

    @Test("defaults that do not fit where the template puts them leave it read without them, not unreadable")
    func misfitFallsBack() {
        let misfit = Self.template.replacingOccurrences(of: "rules:\n{{- toYaml", with: "rules:\n  - {apiGroups: [\"\"], resources: [pods], verbs: [\"*\"]}\n  - x: y\n{{- toYaml")
            .replacingOccurrences(of: "| nindent 2 }}", with: "| nindent 4 }}")
        let result = scan(["charts/op/templates/rbac.yaml": misfit, "charts/op/values.yaml": Self.values("get")])
        #expect(!result.hasErrors, "\(result.diagnostics.map(\.message))")
        #expect(!result.findings(of: "K8S-WILDCARD-VERB").isEmpty, "the literal rules are still judged")
    }

    @Test("the change gate reads each side's defaults: widening them in values.yaml is a new finding")
    func gateSeesDefaults() {
        let base = ["charts/op/templates/rbac.yaml": Self.template, "charts/op/values.yaml": Self.values("get")]
        var head = base
        head["charts/op/values.yaml"] = Self.values("get, list, watch, create")
        let comparison = compareInMemory(base, head)
        #expect(comparison.findings.contains { $0.ruleID == "K8S-SECRETS-WRITE" && $0.baselineState == .new },
                "\(comparison.findings.map { "\($0.ruleID) \($0.baselineState.map(\.rawValue) ?? "")" })")
    }

    static let chartFile = "apiVersion: v2\nname: op\nversion: 1.0.0\n"

    @Test("a chart's template that does not read as YAML is a note saying how to render it; the gate fails on it when the base read it or the change edits it")
    func unreadableTemplate() throws {
        let broken = Self.template.replacingOccurrences(of: "kind: ClusterRole\n", with: "kind: ClusterRole\n  a: {{ .x }}: b\n")
        let result = scan(["charts/op/Chart.yaml": Self.chartFile, "charts/op/templates/rbac.yaml": broken])
        #expect(!result.hasErrors)
        let note = try #require(result.diagnostics.first { $0.file == "charts/op/templates/rbac.yaml" })
        #expect(note.level == .note && note.message.contains("helm template charts/op | idlint scan -"), "\(note.message)")

        // Without a Chart.yaml it is no chart: a broken file under templates/ is an error.
        #expect(scan(["cfn/templates/rbac.yaml": broken]).hasErrors)

        let values = Self.values("get")
        let base = ["charts/op/Chart.yaml": Self.chartFile, "charts/op/templates/rbac.yaml": Self.template, "charts/op/values.yaml": values]
        let edited = compareInMemory(base, base.merging(["charts/op/templates/rbac.yaml": broken]) { $1 })
        #expect(edited.verdict == .block, "\(edited.reasons)")
        // Added unreadable in the change: not judged, so not passed.
        let added = compareInMemory(["charts/op/Chart.yaml": Self.chartFile], ["charts/op/Chart.yaml": Self.chartFile, "charts/op/templates/rbac.yaml": broken])
        #expect(added.verdict == .block, "\(added.reasons)")
        // Unreadable before and after, untouched: the change is about something else.
        let other = ["charts/op/Chart.yaml": Self.chartFile, "charts/op/templates/rbac.yaml": broken, "notes.yaml": "a: 1\n"]
        let untouched = compareInMemory(other, other.merging(["notes.yaml": "a: 2\n"]) { $1 })
        #expect(untouched.verdict == .pass, "\(untouched.reasons)")
    }
}
