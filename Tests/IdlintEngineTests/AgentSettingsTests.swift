import Foundation
import Testing
@testable import IdlintEngine

/// Gemini CLI's, Cursor's CLI's, Amazon Q's agents', OpenCode's and Aider's settings:
/// known by their place or their name, since their keys are generic.
@Suite("Coding agents' settings")
struct AgentSettingsTests {
    @Test("each agent's settings file is its own kind in its own folder, and only there")
    func recognition() {
        let result = scan([
            ".gemini/settings.json": #"{"tools": {"allowed": ["run_shell_command"]}}"#,
            "app/.cursor/cli.json": #"{"permissions": {"allow": ["Shell(*)"]}}"#,
            "opencode.json": #"{"permission": {"bash": "allow"}}"#,
            ".amazonq/cli-agents/ops.json": #"{"allowedTools": ["execute_bash"]}"#,
            "home/.aider.conf.yml": "openai-api-key: sk-proj-Hq4Zt8Lm2Xw6Rv0Nc3Bd7Fy1Kp5Js9Ga\n",
            // The same keys elsewhere are some other program's.
            "gemini/settings.json": #"{"tools": {"allowed": ["run_shell_command"]}}"#,
            ".cursor/settings.json": #"{"permissions": {"allow": ["Shell(*)"]}}"#,
            "agents/ops.json": #"{"allowedTools": ["execute_bash"]}"#,
        ])
        #expect(result.statistics.objectsByKind["gemini.settings"] == 1)
        #expect(result.statistics.objectsByKind["cursor.cli-config"] == 1)
        #expect(result.statistics.objectsByKind["opencode.config"] == 1)
        #expect(result.statistics.objectsByKind["amazonq.agent"] == 1)
        #expect(result.statistics.objectsByKind["aider.config"] == 1)
        let places = result.activeFindings.map { "\($0.ruleID) \($0.location.file):\($0.location.line)" }.sorted()
        #expect(places == ["AIDER-SETTINGS-SECRET home/.aider.conf.yml:1", "AMAZONQ-SHELL-ANY-COMMAND .amazonq/cli-agents/ops.json:1",
                           "CURSOR-SHELL-ANY-COMMAND app/.cursor/cli.json:1", "GEMINI-SHELL-ANY-COMMAND .gemini/settings.json:1",
                           "OPENCODE-SHELL-ANY-COMMAND opencode.json:1"], "\(places)")
    }

    @Test("VS Code's workspace settings: every tool approved is reported; one with comments, as most are, is read as JSONC and judged")
    func vscode() {
        let result = scan([
            ".vscode/settings.json": #"{"chat.tools.global.autoApprove": true, "chat.tools.terminal.autoApprove": {"/^.*$/": true}}"#,
            "web/.vscode/settings.json": "{\n  // the team's formatter\n  \"editor.formatOnSave\": true,\n  /* demo */ \"chat.tools.terminal.autoApprove\": {\"/.*/\": true},\n}\n",
        ])
        #expect(result.statistics.objectsByKind["vscode.settings"] == 2)
        let places = result.activeFindings.map { "\($0.ruleID) \($0.location.file):\($0.location.line)" }.sorted()
        #expect(places == ["AGENT-CONFIRMATION-DISABLED .vscode/settings.json:1", "VSCODE-SHELL-ANY-COMMAND .vscode/settings.json:1",
                           "VSCODE-SHELL-ANY-COMMAND web/.vscode/settings.json:4"], "\(places)")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        // Settings that do not read even as JSONC were to be judged: an error, not a note.
        let broken = scan([".gemini/settings.json": "{\"tools\": {\"allowed\": [\"run_shell_command\"],\n"])
        #expect(broken.diagnostics.map(\.level) == [.error], "\(broken.diagnostics)")
    }

    @Test("Gemini CLI's MCP servers reach the trust edges and the credential delta as other MCP clients' do")
    func geminiServers() {
        let comparison = compareInMemory(
            [".gemini/settings.json": #"{"mcpServers": {"gh": {"httpUrl": "https://api.githubcopilot.com/mcp/"}}}"#],
            [".gemini/settings.json": #"{"mcpServers": {"gh": {"httpUrl": "https://api.githubcopilot.com/mcp/", "headers": {"Authorization": "Bearer ghp_Vd8Nq2Lx6Tz0Rb4Mk9Wc3Ys7Hf1Jg5Pe8Ua"}}}}"#])
        let added = comparison.credentialDelta.filter { $0.change == .added }
        #expect(added.map(\.credential.owner.name) == ["gh"], "\(comparison.credentialDelta)")
        #expect(comparison.privilegeDelta.contains { $0.principal.name == "gh" }, "\(comparison.privilegeDelta)")
    }

    @Test("OpenCode's MCP servers, their command a list and their values under environment, are trust edges; {env:X} is a reference")
    func opencodeServers() {
        let comparison = compareInMemory(
            ["opencode.json": #"{"mcp": {}}"#],
            ["opencode.json": #"{"mcp": {"gh": {"type": "local", "command": ["npx", "-y", "gh-mcp"], "environment": {"GITHUB_TOKEN": "{env:GITHUB_TOKEN}"}}}}"#])
        let gained = comparison.privilegeDelta.filter { $0.principal.name == "gh" }.flatMap(\.gained).map(\.description)
        #expect(gained.contains { $0.contains("`npx -y gh-mcp`") }, "\(gained)")
        #expect(gained.contains { $0.contains("from {env:GITHUB_TOKEN}") }, "\(gained)")
        #expect(comparison.credentialDelta.isEmpty, "\(comparison.credentialDelta)")
    }

    @Test("Claude Code's ~/.claude.json: the user's servers and each project's are trust edges and hold credentials")
    func claudeUserConfig() {
        let comparison = compareInMemory(
            [".claude.json": #"{"mcpServers": {"notes": {"url": "https://notes.example.com/mcp"}}, "projects": {"/home/dev/app": {"mcpServers": {}}}}"#],
            [".claude.json": #"{"mcpServers": {"notes": {"url": "https://notes.example.com/mcp"}}, "projects": {"/home/dev/app": {"mcpServers": {"db": {"command": "db-mcp", "env": {"DB_PASSWORD": "Xq7-Lm2p-Vb9t-Rk4w"}}}}}}"#])
        #expect(comparison.privilegeDelta.map(\.principal.name) == ["db"], "\(comparison.privilegeDelta)")
        #expect(comparison.credentialDelta.filter { $0.change == .added }.map(\.credential.owner.name) == ["db"], "\(comparison.credentialDelta)")
    }
}
