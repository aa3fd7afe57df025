import IdlintSyntax

/// What CI jobs and MCP servers are handed: a workflow job's cloud credentials from
/// repository secrets, or federation (OIDC) to a cloud role instead; an MCP server's
/// tokens written into its configuration.
enum AutomationCredentials {
    /// Repository secrets whose names say they hold a long-lived cloud credential.
    static let staticSecretNames = ["AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "GOOGLE_CREDENTIALS", "GCP_SA_KEY", "GCP_CREDENTIALS",
                                    "AZURE_CREDENTIALS", "ARM_CLIENT_SECRET", "AZURE_CLIENT_SECRET"]
    /// `with:` inputs by which the official login actions federate instead.
    static let federationInputs = ["role-to-assume", "workload_identity_provider", "client-id"]

    static func workflow(_ object: RecognizedObject) -> [Credential] {
        let workflow = object.name ?? "workflow"
        var found: [Credential] = []
        object.node["jobs"]?.forEachEntry { name, job in
            let owner = PrincipalRef(platform: .github, kind: "Workflow job", name: "\(workflow) / \(name.text)")
            var seen = Set<String>()
            visitScalars(job) { node in
                for secret in staticSecretNames where node.text.contains("secrets.\(secret)") && seen.insert(secret).inserted {
                    found.append(Credential(kind: .staticKey, owner: owner, id: "secrets.\(secret)", storedIn: "repository secret \(secret)", location: node.location))
                }
            }
            for step in job["steps"]?.elements ?? [] {
                guard let with = step["with"], with["aws-access-key-id"] == nil, with["credentials_json"] == nil, with["creds"] == nil else { continue }
                for input in federationInputs {
                    guard let target = with[input], target.isScalar else { continue }
                    found.append(Credential(kind: .federated, owner: owner, id: target.text, storedIn: "step \(step.string("uses") ?? "?")", location: target.location))
                }
            }
            return true
        }
        return found
    }

    static func mcpServers(_ object: RecognizedObject) -> [Credential] {
        var found: [Credential] = []
        for table in mcpServerTables(object) {
            table.forEachEntry { name, server in
                let owner = mcpOwner(name.text)
                for (key, kind) in mcpHandedValues {
                    server[key]?.forEachEntry { variable, value in
                        guard CredentialContent.isCredentialName(variable.text[...], bareKeyCounts: true), let text = CredentialExtractors.literal(value), !text.hasPrefix("$"), !TrustEdgeText.isReference(text) else { return true }
                        found.append(Credential(kind: .token, owner: owner, id: "\(variable.text) \(Credential.id(ofSecret: text))",
                                                storedIn: "the \(kind) of MCP server \(name.text)", location: value.location))
                        return true
                    }
                }
                return true
            }
        }
        return found
    }

    /// The tables of MCP servers of a client's configuration, each by server name:
    /// `mcpServers` (most clients, Gemini CLI), `servers` (VS Code), `mcp_servers` (Codex's
    /// TOML), OpenCode's `mcp` (`mcp.servers` in its second version;
    /// opencode.ai/docs/mcp-servers), and in Claude Code's `~/.claude.json` the user's
    /// `mcpServers` and each project's `projects.PATH.mcpServers` (its local scope;
    /// code.claude.com/docs/en/mcp). Elsewhere `mcp` and `projects` are no tables of
    /// servers (Gemini CLI's `mcp.allowed`), so each is its own client's only.
    static func mcpServerTables(_ object: RecognizedObject) -> [Node] {
        switch object.kind {
        case .opencodeConfig:
            guard let mcp = object.node["mcp"], mcp.isMapping else { return [] }
            return [mcp["servers"].flatMap { $0.isMapping ? $0 : nil } ?? mcp]
        case .claudeUserConfig:
            let projects = object.node["projects"]?.children.compactMap { $0["mcpServers"] } ?? []
            return ([object.node["mcpServers"]].compactMap { $0 } + projects).filter(\.isMapping)
        default:
            return [object.node["mcpServers"] ?? object.node["servers"] ?? object.node["mcp_servers"]].compactMap { $0 }
        }
    }

    /// The keys of a server under which the client hands it values, and what each is:
    /// `http_headers` is Codex's, `environment` OpenCode's.
    static let mcpHandedValues = [("env", "environment"), ("environment", "environment"), ("headers", "header"), ("http_headers", "header")]

    /// An MCP server as a principal: what its credentials and trust edges belong to.
    static func mcpOwner(_ name: String) -> PrincipalRef {
        PrincipalRef(platform: .mcp, kind: "MCP server", name: name)
    }

    private static func visitScalars(_ node: Node, _ visit: (Node) -> Void) {
        if node.isScalar { visit(node); return }
        if node.isMapping {
            node.forEachEntry { _, value in visitScalars(value, visit); return true }
        } else {
            node.forEachElement { element in visitScalars(element, visit); return true }
        }
    }
}
