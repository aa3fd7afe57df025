/// Where coding agents keep their own settings: what each may do without asking, the
/// keys it is handed and the MCP servers it starts. Their keys are generic (`env`,
/// `permissions`, `tools`), so the file's place or name decides, not its content. Each
/// as the agent's own documentation names it.
enum AgentSettingsFiles {
    /// Settings files under the agent's own folder (the project's and the user's):
    /// Claude Code: `.claude/settings.json` and `settings.local.json`;
    /// Gemini CLI: `.gemini/settings.json` (geminicli.com/docs/reference/configuration);
    /// Cursor's CLI: `.cursor/cli.json`, and `cli-config.json` in the user's `~/.cursor/`
    /// (docs.cursor.com/en/cli/reference/permissions);
    /// VS Code's workspace settings, which decide what its agent mode runs unasked
    /// (code.visualstudio.com/docs/agents/approvals). Most hold comments: these folders'
    /// files are read as JSONC (`JSONWithComments`).
    static let byPlace: [(folder: String, name: String, kind: DocumentKind)] = [
        (".claude", "settings.json", .claudeSettings), (".claude", "settings.local.json", .claudeSettings),
        (".gemini", "settings.json", .geminiSettings),
        (".cursor", "cli.json", .cursorCLIConfig), (".cursor", "cli-config.json", .cursorCLIConfig),
        (".vscode", "settings.json", .vscodeSettings),
    ]

    /// Settings known by their name wherever they sit (a project's root, a home folder):
    /// OpenCode's `opencode.json` and `opencode.jsonc`, both read as JSONC
    /// (opencode.ai/docs/config), Aider's
    /// `.aider.conf.yml` (aider.chat/docs/config/aider_conf.html), and Claude Code's
    /// `~/.claude.json`, with the user's and each project's MCP servers
    /// (code.claude.com/docs/en/mcp, installation scopes).
    static let byName: [String: DocumentKind] = [
        "opencode.json": .opencodeConfig, "opencode.jsonc": .opencodeConfig, ".aider.conf.yml": .aiderConfig, ".claude.json": .claudeUserConfig,
    ]

    /// The kind of agent settings `file` (a path relative to the scan) holds, and the name
    /// its findings give it, or nil when it is no agent's settings file.
    static func kind(of file: String) -> (kind: DocumentKind, name: String)? {
        let parts = file.split(separator: "/").map(String.init)
        guard let name = parts.last else { return nil }
        let folder = parts.dropLast().last
        if let place = byPlace.first(where: { $0.name == name && $0.folder == folder }) {
            return (place.kind, "\(place.folder)/\(name)")
        }
        if isAmazonQAgent(parts) { return (.amazonQAgent, ".amazonq/cli-agents/\(name)") }
        return byName[name].map { ($0, name) }
    }

    /// Amazon Q Developer CLI's custom agents: one JSON file each, any name, in a
    /// project's `.amazonq/cli-agents/` or the user's `~/.aws/amazonq/cli-agents/`
    /// (aws.github.io/amazon-q-developer-cli, agent-file-locations and agent-format).
    private static func isAmazonQAgent(_ parts: [String]) -> Bool {
        let folders = parts.dropLast().suffix(2)
        return parts.last?.hasSuffix(".json") == true && folders.last == "cli-agents" && [".amazonq", "amazonq"].contains(folders.first)
    }
}
