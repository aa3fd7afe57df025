import IdlintSyntax

/// A cheap look at a file's path and first bytes: does it look like identity
/// configuration? The scan asks when a file did not parse, or parsed into nothing it
/// recognises. A file that looks like it must fail the scan when it cannot be read (an
/// unreadable policy is not a safe one); one that does not (a `tsconfig.json` with
/// comments, an empty `beans.xml`) is only noted, so that unrelated files do not fail it.
///
/// The markers lean towards "looks like": a wrong yes keeps the scan failing closed, as
/// it did before, while a wrong no would let a broken identity file pass quietly.
public enum IdentityConfigLook {
    /// How many bytes of the file are looked at: enough for the keys near the top.
    static let prefixBytes = 64 * 1024

    /// How much of the path counts. A broken file fails closed on words of any of its
    /// folders; a file that parsed is remarked on only for its own name, so that a
    /// checkout under `saml-service/` does not note every unrelated JSON file in it.
    public enum PathWords: Sendable {
        case wholePath
        case fileName
    }

    /// Why the file looks like identity configuration (`its name (realm-export.json)`,
    /// `it mentions "Statement"`), or nil when it does not.
    public static func reason(path: String, bytes: [UInt8], words: PathWords = .wholePath) -> String? {
        if let place = placeReason(path, words: words) { return place }
        let prefix = String(decoding: bytes.prefix(prefixBytes), as: UTF8.self)
        return contentMarkers(for: path).first { prefix.contains($0) }.map { "it mentions \($0)" }
    }

    // MARK: - Name and place

    /// Folders whose files are identity configuration by where they sit.
    private static let identityFolders = [".github/workflows/", ".kube/", ".claude/", ".codex/"]
    /// Whole file names that are identity configuration whatever they hold.
    private static let identityNames: Set<String> = [
        "kubeconfig", ".mcp.json", "mcp.json", ".gitlab-ci.yml", ".gitlab-ci.yaml", "tenant.yaml", "tenant.json",
        "shibboleth2.xml", "keycloak-saml.xml", "keycloak.json", "kustomization.yaml", "kustomization.yml",
    ]
    /// Words that, as a whole part of a file or folder name (split at `-`, `_`, `.`, `/`),
    /// name an identity system: `iam-policy.json`, `realm-export.json`, `saml/idp.xml`.
    private static let identityWords: Set<String> = [
        "iam", "rbac", "realm", "realms", "keycloak", "saml", "saml2", "shibboleth", "oidc", "oauth", "oauth2",
        "auth0", "idp", "sso", "entra", "kubeconfig", "mcp", "jwks", "trust",
    ]

    private static func placeReason(_ path: String, words scope: PathWords) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let lowered = path.lowercased()
        if lowered.hasSuffix(".tf") { return "it is Terraform (\(name))" }
        if identityNames.contains(name.lowercased()) { return "its name (\(name))" }
        if let folder = identityFolders.first(where: { lowered.hasPrefix($0) || lowered.contains("/" + $0) }) {
            return "it is under \(folder)"
        }
        let named = scope == .wholePath ? lowered : name.lowercased()
        let words = named.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        if let word = words.first(where: identityWords.contains) { return "its path names \(word) (\(path))" }
        // SAML metadata is often just `metadata.xml`; a `metadata.json` is anything.
        if lowered.hasSuffix(".xml"), words.contains("metadata") { return "its name (\(name))" }
        return nil
    }

    // MARK: - Content

    /// Text that marks identity configuration, by the syntax the file name implies. JSON
    /// keys are looked for with their quotes, YAML keys with their colon, so that a word
    /// in prose does not count. A JSON `"kind"` alone is not a marker: VS Code's
    /// `tasks.json` has one and comments too; Kubernetes JSON always has `"apiVersion"`.
    private static let jsonMarkers = [
        "\"Statement\"", "\"realm\"", "\"apiVersion\"", "\"AssumeRolePolicyDocument\"", "\"AWSTemplateFormatVersion\"",
        "\"issuer\"", "\"jwks_uri\"", "\"client_secret\"", "\"redirect_uris\"", "\"private_key\"", "\"kty\"",
        "\"mcpServers\"", "\"requiredResourceAccess\"", "\"roleName\"", "\"assignableScopes\"", "\"bindings\"",
        "\"resource_changes\"", "\"clients\"",
    ]
    private static let yamlMarkers = [
        "apiVersion:", "kind:", "Statement:", "AssumeRolePolicyDocument:", "AWSTemplateFormatVersion", "realm:",
        "mcpServers:", "issuer:", "client_secret:", "redirect_uris:", "saml2:", "bindings:", "tenant:", "clients:",
    ]
    private static let xmlMarkers = [
        "urn:oasis:names:tc:SAML", "EntityDescriptor", "EntitiesDescriptor", "urn:mace:shibboleth", "urn:keycloak", "keycloak-saml-adapter",
    ]
    /// Secret material is identity configuration in any file that holds it.
    private static let anySyntaxMarkers = ["PRIVATE KEY-----"]

    private static func contentMarkers(for path: String) -> [String] {
        let byName: [String]
        switch Syntax(fileName: path) {
        case .json: byName = jsonMarkers
        case .yaml: byName = yamlMarkers
        case .xml: byName = xmlMarkers
        // A file named on the command line or read from standard input: any syntax.
        case .hcl, nil: byName = jsonMarkers + yamlMarkers + xmlMarkers
        }
        return byName + anySyntaxMarkers
    }
}
