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
