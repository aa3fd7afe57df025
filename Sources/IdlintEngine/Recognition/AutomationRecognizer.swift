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

    /// Codex's own keys: what it may do without asking, and the MCP servers it starts.
    /// A TOML file that sets one of them at its top is Codex's settings wherever it is;
    /// `.codex/config.toml` is, whatever it sets.
    static let codexKeys = ["approval_policy", "sandbox_mode", "sandbox_workspace_write", "mcp_servers", "profiles", "shell_environment_policy"]

    public func recognize(_ document: Document, problems: inout [Diagnostic]) -> [RecognizedObject]? {
        let root = document.root
        guard root.isMapping else { return nil }
        let name = document.fileName
        if document.syntax == .toml {
            let placed = document.file == ".codex/config.toml" || document.file.hasSuffix("/.codex/config.toml")
            guard placed || Self.codexKeys.contains(where: { root[$0] != nil }) else { return nil }
            return [RecognizedObject(kind: .codexConfig, node: root, platform: nil, name: placed ? ".codex/config.toml" : name)]
        }
        if let settings = AgentSettingsFiles.kind(of: document.file) {
            return [RecognizedObject(kind: settings.kind, node: root, platform: nil, name: settings.name)]
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
}
