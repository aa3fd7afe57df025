import IdlintSyntax

/// What an MCP client configuration trusts each server with: the remote origin the
/// agent's requests and credentials go to, or the command the client runs; and the
/// credentials handed to it (an environment variable or header whose name says it is
/// one, by where its value comes from, never by the value). A server added, a URL moved
/// to another host, another command, or a new token handed over reads as a gain; the
/// same servers reordered, reindented or moved along a path on the same host is nothing.
/// A secret's value is the credential delta's (`AutomationCredentials.mcpServers`).
enum MCPServerTrust {
    static func grants(_ object: RecognizedObject) -> [DirectGrant] {
        let file = object.name ?? "MCP configuration"
        var grants: [DirectGrant] = []
        for table in AutomationCredentials.mcpServerTables(object) {
            table.forEachEntry { name, server in
                guard server.isMapping else { return true }
                let privileges = reach(server) + handed(server)
                if !privileges.isEmpty {
                    grants.append(DirectGrant(principal: AutomationCredentials.mcpOwner(name.text), privileges: privileges, through: "MCP configuration \(file)"))
                }
                return true
            }
        }
        return grants
    }

    /// A remote server's origin, or a local one's command line.
    private static func reach(_ server: Node) -> [Privilege] {
        if let url = ["url", "serverUrl", "httpUrl"].lazy.compactMap({ CredentialExtractors.literal(server[$0]) }).first {
            return [Privilege(action: "connect to", resource: TrustEdgeText.origin(url), group: "", scope: "as the server's remote", names: [])]
        }
        // OpenCode writes the command and its arguments as one list.
        let words = server["command"]?.elements.compactMap(CredentialExtractors.literal) ?? []
        guard let command = CredentialExtractors.literal(server["command"]) ?? words.first else { return [] }
        let arguments = words.isEmpty ? (server["args"]?.elements ?? []).compactMap(CredentialExtractors.literal) : Array(words.dropFirst())
        return [Privilege(action: "run", resource: "`\(TrustEdgeText.commandLine(command, arguments: arguments))`", group: "", scope: "as the server's command", names: [])]
    }

    /// Credentials the server is given: named by variable or header, with where the
    /// value comes from (`${input:jira-token}`, `${GITHUB_PAT}`) or that it is written in
    /// the file; and an environment file it reads whole.
    private static func handed(_ server: Node) -> [Privilege] {
        var privileges: [Privilege] = []
        for (key, kind) in AutomationCredentials.mcpHandedValues {
            let place = kind == "environment" ? "environment variable" : kind
            server[key]?.forEachEntry { variable, value in
                guard CredentialContent.isCredentialName(variable.text[...], bareKeyCounts: true), let text = CredentialExtractors.literal(value) else { return true }
                let source = TrustEdgeText.references(in: text).map { "from \($0)" } ?? "written in the configuration"
                privileges.append(Privilege(action: "receive", resource: "\(place) \(variable.text)", group: "", scope: source, names: []))
                return true
            }
        }
        if let file = CredentialExtractors.literal(server["envFile"]) {
            privileges.append(Privilege(action: "receive", resource: "every variable of \(file)", group: "", scope: "as its environment file", names: []))
        }
        return privileges
    }
}
