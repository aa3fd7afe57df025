import IdlintSyntax

/// SAML configuration: metadata (an `EntityDescriptor`, or an `EntitiesDescriptor`
/// aggregate, which the XML parser streams as a document for the aggregate and one per
/// entity), Shibboleth SP's `shibboleth2.xml`, the python3-saml / php-saml toolkit
/// settings (`settings.json`, `advanced_settings.json`), Spring Boot's
/// `spring.security.saml2.relyingparty` registrations, and the Keycloak SAML adapter's
/// `keycloak-saml.xml`.
public struct SAMLRecognizer: DocumentRecognizer {
    public static let producedKinds: [DocumentKind] = [
        .samlMetadata, .samlMetadataAggregate, .shibbolethConfig, .samlToolkitSettings, .samlSpringRegistration, .keycloakSAMLAdapter,
    ]
    /// Metadata, Shibboleth's SPConfig and the Keycloak adapter come from `recognizeXML` alone.
    public static let kindsReadOnlyFromXML: [DocumentKind] = [.samlMetadata, .samlMetadataAggregate, .shibbolethConfig, .keycloakSAMLAdapter]

    public init() {}

    static let metadataNamespace = "urn:oasis:names:tc:SAML:2.0:metadata"

    public func recognize(_ document: Document, problems: inout [Diagnostic]) -> [RecognizedObject]? {
        let root = document.root
        guard root.isMapping else { return nil }
        if document.syntax == .xml {
            return recognizeXML(root, document)
        }
        if let settings = toolkitSettings(root, document) { return [settings] }
        return springRegistrations(root)
    }

    private func recognizeXML(_ root: Node, _ document: Document) -> [RecognizedObject]? {
        switch root.tag {
        case "{\(Self.metadataNamespace)}EntityDescriptor":
            return [RecognizedObject(kind: .samlMetadata, node: root, platform: nil, name: root.string("@entityID") ?? document.fileStem)]
        case "{\(Self.metadataNamespace)}EntitiesDescriptor":
            // The file's aggregate is the first document; a nested group streamed as a
            // part of it comes later and is judged only through its entities.
            var objects: [RecognizedObject] = []
            if document.indexInFile == 0 {
                objects.append(RecognizedObject(kind: .samlMetadataAggregate, node: root, platform: nil, name: root.string("@Name") ?? document.fileStem))
            }
            Self.forEachEntity(in: root, depth: 0) { entity in
                objects.append(RecognizedObject(kind: .samlMetadata, node: entity, platform: nil, name: entity.string("@entityID") ?? document.fileStem))
            }
            return objects
        case let tag? where tag.hasPrefix("{urn:mace:shibboleth:") && tag.hasSuffix("}SPConfig"):
            return [RecognizedObject(kind: .shibbolethConfig, node: root, platform: nil, name: document.fileName)]
        // The adapter's schema namespace, or none in files written before it had one.
        case "{urn:keycloak:saml:adapter}keycloak-saml-adapter", "keycloak-saml-adapter":
            return [RecognizedObject(kind: .keycloakSAMLAdapter, node: root, platform: nil, name: document.fileName)]
        default:
            return nil
        }
    }

    /// Entities held in a group (nested groups included) that was not streamed apart.
    private static func forEachEntity(in group: Node, depth: Int, _ body: (Node) -> Void) {
        guard depth < 32 else { return }
        group.forEachEntry { key, value in
            if key.textEquals("EntityDescriptor"), value.isMapping { body(value) }
            if key.text == "EntitiesDescriptor", value.isMapping { forEachEntity(in: value, depth: depth + 1, body) }
            return true
        }
    }

    /// python3-saml and php-saml share one settings shape: `strict`, `sp` and `idp`
    /// (settings.json), or `security` with the signing switches (advanced_settings.json).
    private func toolkitSettings(_ root: Node, _ document: Document) -> RecognizedObject? {
        let sp = root["sp"], idp = root["idp"], security = root["security"]
        let isSettings = (sp?.isMapping == true && (sp?["entityId"] != nil || sp?["assertionConsumerService"] != nil))
            || (idp?.isMapping == true && idp?["singleSignOnService"] != nil)
        let isAdvanced = security?.isMapping == true
            && ["wantAssertionsSigned", "wantMessagesSigned", "authnRequestsSigned", "signatureAlgorithm", "rejectUnsolicitedResponsesWithInResponseTo"]
                .contains { security?[$0] != nil }
        guard isSettings || isAdvanced else { return nil }
        return RecognizedObject(kind: .samlToolkitSettings, node: root, platform: nil, name: document.fileName)
    }

    /// One object per `spring.security.saml2.relyingparty.registration.<id>`, written
    /// nested or with dotted keys, as Spring Boot accepts both.
    private func springRegistrations(_ root: Node) -> [RecognizedObject]? {
        let registrations = root["spring"]?["security"]?["saml2"]?["relyingparty"]?["registration"]
            ?? root["spring.security.saml2.relyingparty.registration"]
        guard let registrations, registrations.isMapping else { return nil }
        var objects: [RecognizedObject] = []
        registrations.forEachEntry { key, registration in
            if registration.isMapping {
                objects.append(RecognizedObject(kind: .samlSpringRegistration, node: registration, platform: nil, name: key.text))
            }
            return true
        }
        return objects.isEmpty ? nil : objects
    }
}
