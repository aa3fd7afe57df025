import Foundation
import Testing
@testable import IdlintEngine

@Suite("Codex settings")
struct CodexConfigTests {
    @Test("a walk reads .codex/config.toml in hidden folders, and no other TOML file")
    func discovery() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("approval_policy = \"never\"\n", to: root.appendingPathComponent(".codex/config.toml"))
        try write("sandbox_mode = \"danger-full-access\"\n", to: root.appendingPathComponent("tools/.codex/config.toml"))
        try write("[package]\nname = \"x\"\n", to: root.appendingPathComponent("Cargo.toml"))
        try write("approval_policy = \"never\"\n", to: root.appendingPathComponent("codex/config.toml"))
        let found = FileDiscovery(options: DiscoveryOptions()).discover([root.path]).files
        #expect(found.map { String($0.displayPath.dropFirst(root.path.count + 1)) } == [".codex/config.toml", "tools/.codex/config.toml"])
    }

    @Test("a path's name and folder are read from its end, however its slashes are written")
    func nameAndFolder() {
        let options = DiscoveryOptions()
        for path in [".codex/config.toml", "/repo/tools/.codex/config.toml", "a//.codex//config.toml", ".codex/config.toml/", "x/role.YAML", "policy.json"] {
            #expect(options.isCandidate(path: path), "\(path)")
        }
        for path in ["codex/config.toml", "config.toml", ".codex", "/", "", "tools/.codex.d/config.toml", "a/b.yaml/README"] {
            #expect(!options.isCandidate(path: path), "\(path)")
        }
        #expect(DiscoveryOptions.nameAndFolder("//a///b//") == ("b", "a"))
        #expect(DiscoveryOptions.nameAndFolder("b") == ("b", nil))
        #expect(DiscoveryOptions.nameAndFolder("//") == ("//", nil))
    }

    @Test("Codex's settings are known by their place, or by Codex's keys in a TOML file named on the command line")
    func recognition() {
        let result = scan([
            ".codex/config.toml": "model = \"gpt-5\"\n",
            "team-codex.toml": "approval_policy = \"never\"\nsandbox_mode = \"danger-full-access\"\n",
            "pyproject.toml": "[project]\nname = \"x\"\n",
        ])
        #expect(result.statistics.objectsByKind["codex.config"] == 2)
        #expect(result.findings(of: "CODEX-FULL-ACCESS-NO-APPROVAL").map { "\($0.location.file):\($0.location.line)" } == ["team-codex.toml:2"])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test("a broken .codex/config.toml fails the scan at its line and column; an unrelated broken TOML file is a note")
    func failsClosed() {
        let result = scan([".codex/config.toml": "approval_policy = \"never\"\napproval_policy = \"on-request\"\n", "notes.toml": "a = \n"])
        let error = result.diagnostics.first { $0.file == ".codex/config.toml" }
        #expect(error?.level == .error)
        #expect(error?.position?.description == "2:1")
        #expect(result.diagnostics.first { $0.file == "notes.toml" }?.level == .note)
    }

    @Test("Codex's MCP servers reach the credential delta as the JSON clients' do")
    func credentials() {
        let comparison = compareInMemory(
            [".codex/config.toml": "[mcp_servers.gh]\ncommand = \"gh-mcp\"\n"],
            [".codex/config.toml": "[mcp_servers.gh]\ncommand = \"gh-mcp\"\nenv = { GITHUB_TOKEN = \"ghp_Vd8Nq2Lx6Tz0Rb4Mk9Wc3Ys7Hf1Jg5Pe8Ua\" }\n"])
        let added = comparison.credentialDelta.filter { $0.change == .added }
        #expect(added.map(\.credential.owner.name) == ["gh"], "\(comparison.credentialDelta)")
    }
}
