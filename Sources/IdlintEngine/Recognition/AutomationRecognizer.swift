import IdlintSyntax

/// Files that hand credentials to automation and agents: GitHub Actions workflows, GitLab
/// CI files, MCP client configurations and the settings of coding agents (Claude Code,
/// Codex, Gemini CLI, Cursor's CLI, OpenCode, Aider, Amazon Q Developer CLI's agents,
/// VS Code's agent mode).
/// (Kubeconfigs are Kubernetes objects of kind Config.)
public struct AutomationRecognizer: DocumentRecognizer {
    public static let producedKinds: [DocumentKind] = [.githubWorkflow, .gitlabPipeline, .mcpClientConfig, .claudeSettings, .codexConfig, .claudeUserConfig,
                                                         .geminiSettings, .cursorCLIConfig, .opencodeConfig, .aiderConfig, .amazonQAgent, .vscodeSettings]

    public init() {}

    /// Coding agents' settings files, each under its agent's own folder (the project's and
    /// the user's); their keys are generic (`env`, `permissions`, `tools`), so the place
    /// decides, not the content. Each as its agent's documentation names it:
    /// Claude Code: `.claude/settings.json` and `settings.local.json`;
    /// Gemini CLI: `.gemini/settings.json` (geminicli.com/docs/reference/configuration);
    /// Cursor's CLI: `.cursor/cli.json`, and `cli-config.json` in the user's `~/.cursor/`
    /// (docs.cursor.com/en/cli/reference/permissions);
    /// VS Code's workspace settings, which decide what its agent mode runs unasked
    /// (code.visualstudio.com/docs/agents/approvals). Most hold comments (JSONC), which
    /// idlint's JSON reader refuses: those are a note, as any unrelated broken file.
    static let agentSettingsByPlace: [(folder: String, name: String, kind: DocumentKind)] = [
        (".claude", "settings.json", .claudeSettings), (".claude", "settings.local.json", .claudeSettings),
        (".gemini", "settings.json", .geminiSettings),
        (".cursor", "cli.json", .cursorCLIConfig), (".cursor", "cli-config.json", .cursorCLIConfig),
        (".vscode", "settings.json", .vscodeSettings),
    ]

    /// Coding agents' settings known by their name wherever they sit (a project's root, a
    /// home folder): OpenCode's `opencode.json` (opencode.ai/docs/config; `opencode.jsonc`
    /// holds comments, which idlint's JSON reader refuses, and is not read) and Aider's
    /// `.aider.conf.yml` (aider.chat/docs/config/aider_conf.html); Claude Code's `~/.claude.json`.
    static let agentSettingsByName: [String: DocumentKind] = [
        "opencode.json": .opencodeConfig, ".aider.conf.yml": .aiderConfig,
        // Claude Code's own file in the home folder: the user's and each project's local
        // MCP servers (code.claude.com/docs/en/mcp, installation scopes).
        ".claude.json": .claudeUserConfig,
    ]

    /// Codex's own keys: what it may do without asking, and the MCP servers it starts.
    /// A TOML file that sets one of them at its top is Codex's settings wherever it is;
    /// `.codex/config.toml` is, whatever it sets.
    static let codexKeys = ["approval_policy", "sandbox_mode", "sandbox_workspace_write", "mcp_servers", "profiles", "shell_environment_policy"]

    /// Amazon Q Developer CLI's custom agents: one JSON file each, any name, in a
    /// project's `.amazonq/cli-agents/` or the user's `~/.aws/amazonq/cli-agents/`
    /// (aws.github.io/amazon-q-developer-cli, agent-file-locations and agent-format).
    static func isAmazonQAgent(_ file: String) -> Bool {
        let folders = file.split(separator: "/").dropLast().suffix(2).map(String.init)
        return file.hasSuffix(".json") && folders.last == "cli-agents" && [".amazonq", "amazonq"].contains(folders.first)
    }

    public func recognize(_ document: Document, problems: inout [Diagnostic]) -> [RecognizedObject]? {
        let root = document.root
        guard root.isMapping else { return nil }
        let name = document.fileName
        if document.syntax == .toml {
            let placed = document.file == ".codex/config.toml" || document.file.hasSuffix("/.codex/config.toml")
            guard placed || Self.codexKeys.contains(where: { root[$0] != nil }) else { return nil }
            return [RecognizedObject(kind: .codexConfig, node: root, platform: nil, name: placed ? ".codex/config.toml" : name)]
        }
        if let place = Self.agentSettingsByPlace.first(where: { $0.name == name && Self.sits(document.file, in: $0.folder) }) {
            return [RecognizedObject(kind: place.kind, node: root, platform: nil, name: "\(place.folder)/\(name)")]
        }
        if Self.isAmazonQAgent(document.file) {
            return [RecognizedObject(kind: .amazonQAgent, node: root, platform: nil, name: ".amazonq/cli-agents/\(name)")]
        }
        if let kind = Self.agentSettingsByName[name] {
            return [RecognizedObject(kind: kind, node: root, platform: nil, name: name)]
        }
        if let jobs = root["jobs"], jobs.isMapping, root["on"] != nil || document.file.contains(".github/workflows/") {
            return [RecognizedObject(kind: .githubWorkflow, node: root, platform: nil, name: name)]
        }
        if name == ".gitlab-ci.yml" || name == ".gitlab-ci.yaml" {
            return [RecognizedObject(kind: .gitlabPipeline, node: root, platform: nil, name: name)]
        }
        if let servers = root["mcpServers"] ?? root["servers"], servers.isMapping,
           servers.entries.contains(where: { $0.value["command"] != nil || $0.value["url"] != nil || $0.value["serverUrl"] != nil }) {
            return [RecognizedObject(kind: .mcpClientConfig, node: root, platform: nil, name: name)]
        }
        return nil
    }

    /// Whether `file` (a path relative to the scan) is named `name` directly in a folder `folder`.
    private static func sits(_ file: String, in folder: String) -> Bool {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return file == "\(folder)/\(name)" || file.hasSuffix("/\(folder)/\(name)")
    }
}
