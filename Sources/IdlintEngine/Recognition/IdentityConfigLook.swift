import IdlintSyntax

/// A cheap look at a file's path and content: does it look like identity configuration?
/// The scan asks when a file did not parse, or parsed into nothing it recognises. A file
/// that looks like it must fail the scan when it cannot be read (an unreadable policy is
/// not a safe one); one that does not (a `tsconfig.json` with comments, an empty
/// `beans.xml`) is only noted, so that unrelated files do not fail it.
///
/// For a broken file the markers lean towards "looks like": a wrong yes keeps the scan
/// failing closed, as it did before, while a wrong no would let a broken identity file
/// pass quietly. For a file that parsed they are stricter (its top-level keys, not any
/// text in it), since there a wrong yes is only a note, but a note on every test vector.
public enum IdentityConfigLook {

    /// Why a file that did not parse looks like identity configuration (`its name
    /// (realm-export.json)`, `it mentions "Statement"`), or nil when it does not: its
    /// name, its place, or text anywhere in it (the whole file, bounded by max-file-size:
    /// padding it with comments must not hide what follows).
    public static func reason(path: String, bytes: [UInt8]) -> String? {
        if let place = placeReason(path, folders: true) { return place }
        let text = String(decoding: bytes, as: UTF8.self)
        return contentMarkers(for: path).first { text.contains($0) }.map { "it mentions \($0)" }
    }

    /// Why a JSON or XML document that parsed into nothing idlint reads looks like
    /// identity configuration, or nil: its file name, a known place, a top-level key of
    /// identity configuration (JSON) or a root element in an identity namespace (XML).
    /// Folders count for XML only (`saml/sp.xml`): JSON files of every sort sit in folders
    /// named after the system they belong to.
    public static func reason(path: String, root: Node) -> String? {
        if let place = placeReason(path, folders: root.document.syntax == .xml) { return place }
        if root.isMapping, let key = jsonMarkerKeys.first(where: { root[$0] != nil }) { return "it has the key \"\(key)\"" }
        if let tag = root.tag, let namespace = xmlMarkers.first(where: tag.contains) { return "its root is in \(namespace)" }
        return nil
    }

    // MARK: - Name and place

    /// Folders whose files are identity configuration by where they sit.
    private static let identityPlaces = [".github/workflows/", ".kube/", ".claude/", ".codex/"]
    /// Whole file names that are identity configuration whatever they hold.
    private static let identityNames: Set<String> = [
        "kubeconfig", ".mcp.json", "mcp.json", ".gitlab-ci.yml", ".gitlab-ci.yaml", "tenant.yaml", "tenant.json",
        "shibboleth2.xml", "keycloak-saml.xml", "keycloak.json", "kustomization.yaml", "kustomization.yml",
    ]
    /// Words that name an identity system: as a part of a file name (split at `-`, `_`,
    /// `.`: `iam-policy.json`, `realm-export.json`), or as a whole folder name
    /// (`saml/idp.xml`; not `saml-service/`, nor the folder a user happens to scan from).
    private static let identityWords: Set<String> = [
        "iam", "rbac", "realm", "realms", "keycloak", "saml", "saml2", "shibboleth", "oidc", "oauth", "oauth2",
        "auth0", "idp", "sso", "entra", "kubeconfig", "mcp", "jwks", "trust",
    ]

    private static func placeReason(_ path: String, folders: Bool) -> String? {
        let components = path.lowercased().split(separator: "/").map(String.init)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let lowered = name.lowercased()
        if lowered.hasSuffix(".tf") { return "it is Terraform (\(name))" }
        if identityNames.contains(lowered) { return "its name (\(name))" }
        // What a coding agent may do unasked: read now that JSONC is, so a broken one fails.
        if let agent = AgentSettingsFiles.kind(of: path) { return "it is \(agent.name), a coding agent's settings" }
        if ARMParameterFiles.isParameterFileName(name) { return "its name (\(name)): an ARM parameter file, whose values its template is judged with" }
        let slashed = "/" + components.joined(separator: "/")
        if let place = identityPlaces.first(where: { slashed.contains("/" + $0) }) { return "it is under \(place)" }
        let words = lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        if let word = words.first(where: identityWords.contains) { return "its name says \(word) (\(name))" }
        // SAML metadata is often just `metadata.xml`; a `metadata.json` is anything.
        if lowered.hasSuffix(".xml"), words.contains("metadata") { return "its name (\(name))" }
        if folders, let folder = components.dropLast().first(where: identityWords.contains) { return "it is in a folder named \(folder)" }
        return nil
    }

    // MARK: - Content

    /// Top-level keys of identity configuration in JSON (and YAML) documents.
    private static let jsonMarkerKeys = [
        "Statement", "realm", "apiVersion", "AssumeRolePolicyDocument", "AWSTemplateFormatVersion", "issuer", "jwks_uri",
        "client_secret", "redirect_uris", "private_key", "kty", "mcpServers", "requiredResourceAccess", "roleName",
        "assignableScopes", "bindings", "resource_changes", "clients", "clientGrants", "resourceServers",
        "PolicyVersion", "PolicyDocument", "RoleDetailList", "UserDetailList", "GroupDetailList",
    ]
    /// Text that marks identity configuration in a broken file, by the syntax its name
    /// implies: JSON keys with their quotes, YAML keys with their colon, so that a word in
    /// prose does not count. A JSON `"kind"` alone is not a marker: VS Code's `tasks.json`
    /// has one and comments too; Kubernetes JSON always has `"apiVersion"`.
    /// An ARM parameter file says what it is in its `$schema` URL (`deploymentParameters.json#`).
    private static let jsonMarkers = jsonMarkerKeys.map { "\"\($0)\"" } + ["deploymentParameters"]
    private static let yamlMarkers = [
        "apiVersion:", "kind:", "Statement:", "AssumeRolePolicyDocument:", "AWSTemplateFormatVersion", "realm:",
        "mcpServers:", "issuer:", "client_secret:", "redirect_uris:", "saml2:", "bindings:", "tenant:", "clients:",
    ]
    private static let xmlMarkers = [
        "urn:oasis:names:tc:SAML", "EntityDescriptor", "EntitiesDescriptor", "urn:mace:shibboleth", "urn:keycloak", "keycloak-saml-adapter",
    ]
    /// Codex's settings, written in TOML: its MCP server tables and what it may do unasked.
    private static let tomlMarkers = ["[mcp_servers", "approval_policy", "sandbox_mode"]
    /// Secret material is identity configuration in any file that holds it.
    private static let anySyntaxMarkers = ["PRIVATE KEY-----"]

    private static func contentMarkers(for path: String) -> [String] {
        let byName: [String]
        switch Syntax(fileName: path) {
        case .json: byName = jsonMarkers
        case .yaml: byName = yamlMarkers
        case .xml: byName = xmlMarkers
        case .toml: byName = tomlMarkers
        // A file named on the command line or read from standard input: any syntax.
        case .hcl, nil: byName = jsonMarkers + yamlMarkers + xmlMarkers + tomlMarkers
        }
        return byName + anySyntaxMarkers
    }
}
