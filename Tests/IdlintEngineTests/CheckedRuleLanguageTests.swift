import Foundation
import Testing
@testable import IdlintEngine

/// A typo in a rule file is an error at load, with its file, line and column: it must
/// never switch a check off (an unknown kind) or print `?` (an unknown placeholder).
@Suite("Checked rule language")
struct CheckedRuleLanguageTests {
    static func rule(message: String = "m", match: String) -> String {
        singleRuleFile(id: "ORG-X", match: match).replacingOccurrences(of: "    message: m\n", with: "    message: \(message)\n")
    }

    static func loadError(_ text: String) -> DataFileError? {
        var library = RuleLibrary()
        return #expect(throws: DataFileError.self) { try library.load(text: text, path: "org/rules.yaml", isBuiltIn: false) }
    }

    @Test("a misspelt kind is rejected at its entry, with the kind it meant")
    func misspeltKind() throws {
        let error = try #require(Self.loadError(Self.rule(match: "{kinds: [k8s.Role, k8s.ClusterRol]}")))
        #expect(error.file == "org/rules.yaml")
        #expect(error.position?.line == 9 && error.position?.column == 31, "\(error)")
        #expect(error.message.contains("unknown kind 'k8s.ClusterRol'"))
        #expect(error.message.contains("did you mean k8s.ClusterRole?"))
    }

    @Test("a kind no recogniser produces is rejected, whatever its spelling")
    func unknownKind() throws {
        let error = try #require(Self.loadError(Self.rule(match: "{kinds: [k8s.Ingress]}")))
        #expect(error.position?.line == 9 && error.position?.column == 21, "\(error)")
        #expect(!error.message.contains("did you mean"))
    }

    @Test("a misspelt placeholder is rejected at its own column")
    func misspeltPlaceholder() throws {
        let error = try #require(Self.loadError(Self.rule(message: "\"{kind} {nmae} is risky\"", match: "{kinds: [k8s.Role]}")))
        // `    message: "` is 14 characters: the string starts at column 14, its text at
        // 15, and `{nmae}` 7 characters into it.
        #expect(error.file == "org/rules.yaml")
        #expect(error.position?.line == 8 && error.position?.column == 22, "\(error)")
        #expect(error.message.contains("unknown placeholder {nmae}"))
        #expect(error.message.contains("did you mean {name}?"))
    }

    @Test("a misspelt placeholder after text outside ASCII is placed by characters, not bytes")
    func misspeltPlaceholderAfterAccents() throws {
        let error = try #require(Self.loadError(Self.rule(message: "\"Rôle {kind} {nmae}\"", match: "{kinds: [k8s.Role]}")))
        // The text starts at column 15; `{nmae}` is 12 characters into it (14 bytes).
        #expect(error.position?.line == 8 && error.position?.column == 27, "\(error)")
        #expect(error.message.contains("unknown placeholder {nmae}"))
    }

    @Test("a placeholder of another kind of match is rejected")
    func placeholderOfAnotherMatch() throws {
        let error = try #require(Self.loadError(Self.rule(message: "'{name} holds {permissions}'", match: "{grants: {wildcard: [actions]}}")))
        #expect(error.position?.line == 8 && error.position?.column == 15, "\(error)")
        #expect(error.message.contains("unknown placeholder {name}"))
    }

    @Test("paths written as paths are placeholders of document rules", arguments: [
        "{roleRef.name}", "{$client_email}", "{@clientId}", "{metadata.annotations[\"a\"]}", "{value-name}",
    ])
    func pathPlaceholders(placeholder: String) throws {
        var library = RuleLibrary()
        try library.load(text: Self.rule(message: "'x \(placeholder)'", match: "{kinds: [k8s.Role]}"), path: "org/rules.yaml", isBuiltIn: false)
        #expect(library.rules.count == 1)
    }

    @Test("a path into a list is rejected for kinds read from XML only, where nothing is a list", arguments: [
        #"{kinds: [saml.metadata], each: "IDPSSODescriptor.KeyDescriptor[*]"}"#,
        #"{kinds: [saml.metadata, saml.metadata-aggregate], where: {path: "$IDPSSODescriptor[0].@WantAuthnRequestsSigned", equals: "false"}}"#,
    ])
    func listStepInXML(match: String) throws {
        let error = try #require(Self.loadError(Self.rule(match: match)))
        #expect(error.position?.line == 9 && error.message.contains("steps into a list"), "\(error)")
    }

    @Test("such a path loads where some kind may hold lists, and a repeated element is named alone")
    func listStepElsewhere() throws {
        var library = RuleLibrary()
        try library.load(text: singleRuleFile(id: "ORG-A", match: #"{kinds: [saml.metadata, saml.toolkit-settings], each: "IDPSSODescriptor.KeyDescriptor | sp.x509certs[*]"}"#),
                         path: "org/a.yaml", isBuiltIn: false)
        try library.load(text: singleRuleFile(id: "ORG-B", match: #"{kinds: [saml.metadata], each: "IDPSSODescriptor.KeyDescriptor"}"#), path: "org/b.yaml", isBuiltIn: false)
        #expect(library.rules.count == 2)
    }

    @Test("the kinds read from XML only are SAML metadata, Shibboleth's configuration and Keycloak's SAML adapter")
    func xmlOnlyKinds() {
        #expect(DocumentKind.readOnlyFromXML.map(\.rawValue).sorted() == ["keycloak.saml-adapter", "saml.metadata", "saml.metadata-aggregate", "shibboleth.sp-config"])
    }

    @Test("surfaces are checked against the same registry")
    func surfaceKind() throws {
        let error = try #require(Self.loadError("""
        surfaces:
          - id: mine
            title: Mine
            match:
              - kinds: [keycloak.relam]
                paths: ["**"]
        """))
        #expect(error.position?.line == 5 && error.position?.column == 17, "\(error)")
        #expect(error.message.contains("did you mean keycloak.realm?"))
    }

    @Test("every kind recognition gives the fixtures is registered, but Kubernetes kinds idlint does not model")
    func registryCoversRecognition() {
        let result = makeScanner().scan(paths: [packageRoot.appendingPathComponent("fixtures").path])
        let unregistered = Set(result.statistics.objectsByKind.keys).subtracting(DocumentKind.registered.map(\.rawValue)).filter { !$0.hasPrefix("k8s.") }
        #expect(unregistered.isEmpty, "recognisers produce kinds they do not declare: \(unregistered.sorted())")
        #expect(result.statistics.objectsByKind.keys.count > 30)
    }
}
