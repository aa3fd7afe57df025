import Testing
@testable import IdlintSyntax

@Suite("Helm chart templates")
struct HelmTemplateTests {
    private func flat(_ text: String) -> String {
        String(decoding: HelmTemplate.flatten(Array(text.utf8)), as: UTF8.self)
    }

    @Test("only chart templates with actions are flattened")
    func applies() {
        #expect(HelmTemplate.applies(path: "charts/app/templates/rbac.yaml", text: Array("a: {{ .Values.x }}".utf8)))
        #expect(HelmTemplate.applies(path: "templates/rbac.yaml", text: Array("a: {{ .Values.x }}".utf8)))
        #expect(!HelmTemplate.applies(path: "charts/app/templates/rbac.yaml", text: Array("a: 1".utf8)))
        #expect(!HelmTemplate.applies(path: "k8s/rbac.yaml", text: Array("a: {{ .Values.x }}".utf8)))
        // A path is bytes: a name that starts with a combining mark is still in the folder.
        #expect(HelmTemplate.applies(path: "chart/templates/\u{301}rbac.yaml", text: Array("a: {{ .Values.x }}".utf8)))
        #expect(HelmTemplate.applies(path: "templates/\u{301}rbac.yaml", text: Array("a: {{ .Values.x }}".utf8)))
        #expect(!HelmTemplate.applies(path: "chart/templatesx/rbac.yaml", text: Array("a: {{ .Values.x }}".utf8)))
    }

    @Test("lines and columns stay where they were")
    func positions() {
        let template = """
        {{- if .Values.rbac.create }}
        metadata:
          name: {{ include "app.fullname" . }}
          labels:
            {{- include "app.labels" . | nindent 4 }}
            team: {{ .Values.team }}-ops
        verbs: ["*"]
        {{- end }}
        """
        let lines = flat(template).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 8)
        #expect(lines[0].isEmpty && lines[4].isEmpty && lines[7].isEmpty)
        #expect(lines[2] == "  name: '{ include \"app.fullname\" . }'")
        #expect(lines[5] == "    team: HELM______________-ops")
        #expect(lines[6] == "verbs: [\"*\"]")
    }

    @Test("an else around whole documents starts a new document; one inside a document is left out")
    func branches() {
        let documents = flat("{{- if .Values.a }}\nkind: A\n{{- else }}\nkind: B\n{{- end }}\n")
        #expect(documents == "\nkind: A\n---\nkind: B\n\n")
        let inner = flat("kind: A\nrules:\n  {{- if .Values.x }}\n  verbs: [get]\n  {{- else }}\n  verbs: [list]\n  {{- end }}\n")
        #expect(inner == "kind: A\nrules:\n\n  verbs: [get]\n\n\n\n")
    }

    @Test("a block opened and closed on one line leaves the lines after it alone")
    func oneLineBlocks() {
        #expect(flat("{{- define \"x\" }}{{ end }}\nkind: ClusterRole\n") == "\nkind: ClusterRole\n")
        #expect(flat("{{- with .Values.l }}{{ toYaml . }}{{ end }}\n{{- if .Values.a }}\nkind: A\n{{- else }}\nkind: B\n{{- end }}\n")
                == "\n\nkind: A\n---\nkind: B\n\n")
    }

    @Test("named templates and multi-line actions are left out")
    func defines() {
        #expect(flat("{{- define \"x\" }}\nkind: Secret\n{{- end }}\nkind: A\n") == "\n\n\nkind: A\n")
        #expect(flat("a: 1\n{{/*\n a comment\n*/}}\nb: 2\n") == "a: 1\n\n\n\nb: 2\n")
    }
}

/// With the chart's defaults, plain lookups are filled in, each on its own line.
@Suite("Helm chart defaults")
struct HelmValuesTests {
    static let values = """
    rbac:
      verbs: ["get", "list"]
      extraRules:
        - apiGroups: [""]
          resources: ["secrets"]
          verbs: ["*"]
    serviceAccount:
      name: operator
      automount: true
    labels: {team: "ops: core"}
    """

    private func filled(_ template: String) throws -> [String] {
        var root: Node?
        let text = Array(Self.values.utf8)
        try text.withUnsafeBufferPointer { bytes in
            try Syntax.yaml.parser.parse(bytes, file: "values.yaml", limits: .standard) { document in root = root ?? document.root }
        }
        let values = HelmValues(root: try #require(root))
        return String(decoding: HelmTemplate.flatten(Array(template.utf8), values: values), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test("a block a line inserts becomes that block as one flow line at its indentation")
    func blocks() throws {
        let lines = try filled("""
        rules:
        {{- toYaml .Values.rbac.extraRules | nindent 2 }}
        """)
        #expect(lines == ["rules:", #"  [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["*"]}]"#])
        let scoped = try filled("""
        rules:
        {{- with .Values.rbac.extraRules }}
        {{- toYaml . | nindent 2 }}
        {{- end }}
        """)
        #expect(scoped[2] == lines[1], "`.` inside with is the value it looks up")
        let ranged = try filled("""
        rules:
        {{- range .Values.rbac.extraRules }}
        {{- toYaml . | nindent 2 }}
        {{- end }}
        """)
        #expect(ranged[2].isEmpty, "`.` inside range is an element idlint does not follow")
    }

    @Test("a whole value becomes its default; what is computed stays unknown")
    func wholeValues() throws {
        let lines = try filled("""
        name: {{ .Values.serviceAccount.name }}
        quoted: {{ .Values.serviceAccount.name | quote }}
        automount: {{ .Values.serviceAccount.automount }}
        verbs: {{ toJson .Values.rbac.verbs }}
        printed: {{ .Values.rbac.verbs }}
        labels: {{- toYaml .Values.labels | nindent 2 }}
        missing: {{ .Values.nothing.here }}
        computed: {{ .Values.serviceAccount.name | default "x" }}
        """)
        #expect(lines[0] == "name: operator")
        #expect(lines[1] == #"quoted: "operator""#)
        #expect(lines[2] == "automount: true")
        #expect(lines[3] == #"verbs: ["get", "list"]"#)
        #expect(lines[4] == "printed: '{ .Values.rbac.verbs }'", "a list printed without toYaml is not YAML: unknown")
        #expect(lines[5] == #"labels: {"team": "ops: core"}"#)
        #expect(lines[6] == "missing: '{ .Values.nothing.here }'")
        #expect(lines[7].hasPrefix("computed: '{"))
    }

    @Test("an entry appended to a block list or map written above joins it; several stay unknown")
    func appended() throws {
        let lines = try filled("""
        rules:
          - apiGroups: [""]
            resources: [configmaps]
        {{- toYaml .Values.rbac.extraRules | nindent 2 }}
        metadata:
          labels:
            app: x
        {{- toYaml .Values.labels | nindent 4 }}
        verbs:
          - get
        {{- toYaml .Values.rbac.verbs | nindent 2 }}
        """)
        #expect(lines[3] == #"  - {"apiGroups": [""], "resources": ["secrets"], "verbs": ["*"]}"#)
        #expect(lines[7] == #"    "team": "ops: core""#)
        #expect(lines[10].isEmpty, "two verbs cannot be one line of a block list")
    }
}
