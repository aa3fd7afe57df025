import IdlintSyntax

/// Files that hand credentials to automation and agents: GitHub Actions workflows, GitLab
/// CI files, MCP client configurations and Claude Code's own settings. (Kubeconfigs are
/// Kubernetes objects of kind Config.)
public struct AutomationRecognizer: DocumentRecognizer {
    public static let producedKinds: [DocumentKind] = [.githubWorkflow, .gitlabPipeline, .mcpClientConfig, .claudeSettings]

    public init() {}

    /// Claude Code reads its settings from these files under a `.claude/` folder (the
    /// project's, shared or local, and the user's); their keys are generic (`env`,
    /// `permissions`), so the place decides, not the content.
    static let claudeSettingsNames: Set<String> = ["settings.json", "settings.local.json"]

    public func recognize(_ document: Document, problems: inout [Diagnostic]) -> [RecognizedObject]? {
        let root = document.root
        guard root.isMapping else { return nil }
        let name = document.fileName
        if Self.claudeSettingsNames.contains(name), document.file == ".claude/\(name)" || document.file.hasSuffix("/.claude/\(name)") {
            return [RecognizedObject(kind: .claudeSettings, node: root, platform: nil, name: ".claude/\(name)")]
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
