import Testing
@testable import IdlintEngine

/// Path sets: a ruleset file names alternatives once under `paths:` and its rules use
/// them as `%name`; a name the file does not define stops the load at its place.
@Suite("Path sets")
struct PathSetTests {
    static let role = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: {name: r, namespace: n}
    rules:
      - apiGroups: ["*"]
        resources: ["*"]
        verbs: [get, "*"]
    """

    static func file(paths: String, match: String) -> String {
        paths + singleRuleFile(id: "ORG-X", match: match)
    }

    static func places(_ text: String) throws -> [String] {
        var library = RuleLibrary()
        try library.load(text: text, path: "org/rules.yaml", isBuiltIn: false)
        var configuration = ScanConfiguration()
        configuration.setClock(testClock)
        let inputs = [InputFile(displayPath: "role.yaml", source: .content(Array(Self.role.utf8)))]
        return IdentityScanner(library: library, configuration: configuration).scan(files: inputs).findings.map { "\($0.location.span.start)" }
    }

    static func loadError(_ text: String) throws -> DataFileError {
        var library = RuleLibrary()
        do {
            try library.load(text: text, path: "org/rules.yaml", isBuiltIn: false)
        } catch let error as DataFileError {
            return error
        }
        Issue.record("loaded without an error")
        throw DataFileError(file: "", at: nil, "")
    }

    @Test("a rule that names a set reports what the path written out reports, alone or among alternatives")
    func sameAsWrittenOut() throws {
        let written = try Self.places(Self.file(paths: "", match: #"{kinds: [k8s.Role], each: "rules[*].verbs[*] | metadata.name", where: {equals: "*"}}"#))
        let named = try Self.places(Self.file(paths: "paths:\n  verbs: \"rules[*].verbs[*]\"\n",
                                              match: #"{kinds: [k8s.Role], each: "%verbs | metadata.name", where: {equals: "*"}}"#))
        #expect(written == ["7:18"] && named == written)
    }

    @Test("an unknown name is an error at the path that names it, with the name meant")
    func unknownName() throws {
        let error = try Self.loadError(Self.file(paths: "paths:\n  verbs: \"rules[*].verbs[*]\"\n", match: #"{kinds: [k8s.Role], each: "%verb"}"#))
        #expect(error.position?.line == 11 && error.position?.column == 38, "\(error)")
        #expect(error.message.contains("unknown path set '%verb'") && error.message.contains("did you mean %verbs?"), "\(error)")
    }

    @Test("a file without sets, a set naming another, and a malformed set are errors", arguments: [
        ("", "none is defined here", Int32(9)),
        ("paths:\n  verbs: \"rules[*].verbs[*]\"\n  other: \"%verbs | x\"\n", "path set other", 3),
        ("paths:\n  verbs: \"rules[*.verbs\"\n", "path set verbs: unclosed '['", 2),
        ("paths:\n  verbs: \"\"\n", "must be a path", 2),
        ("paths: [a]\n", "must be a mapping", 1),
    ])
    func malformed(paths: String, message: String, line: Int32) throws {
        let error = try Self.loadError(Self.file(paths: paths, match: #"{kinds: [k8s.Role], each: "%verbs"}"#))
        #expect(error.message.contains(message) && error.position?.line == line, "\(error)")
    }

    @Test("a set belongs to the file that defines it")
    func perFile() throws {
        var library = RuleLibrary()
        try library.load(text: "paths:\n  verbs: \"rules[*].verbs[*]\"\n" + singleRuleFile(id: "ORG-A", match: #"{kinds: [k8s.Role], each: "%verbs"}"#),
                         path: "org/a.yaml", isBuiltIn: false)
        #expect(throws: DataFileError.self) {
            try library.load(text: singleRuleFile(id: "ORG-B", match: #"{kinds: [k8s.Role], each: "%verbs"}"#), path: "org/b.yaml", isBuiltIn: false)
        }
    }

    @Test("the built-in rules name their shared paths once", arguments: [
        ("rulesets/aws-iam.yaml", "%statements", 5), ("rulesets/identity-providers.yaml", "%redirect-uris", 4),
        ("rulesets/automation.yaml", "%server-env-and-headers", 3), ("rulesets/saml.yaml", "%metadata-sources", 3),
    ])
    func builtInSets(file: String, name: String, uses: Int) throws {
        let text = try #require(EmbeddedRulesets.files.first { "rulesets/" + $0.path == file }?.text)
        #expect(text.components(separatedBy: name).count - 1 == uses)
    }
}
