import Foundation
import IdlintEngine
@testable import IdlintMCP
import MCP
import Testing

/// The agent interface driven through the real MCP Swift SDK client, connected to the
/// server by the SDK's in-memory transport: handshake, tool listing, every tool,
/// malformed arguments, path escapes and oversized inputs.
@Suite("MCP agent interface")
struct AgentServerTests {
    static let role = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: reader
    rules:
      - apiGroups: [""]
        resources: [configmaps]
        verbs: [get, list]
    """

    static let everything = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: reader
    rules:
      - apiGroups: ["*"]
        resources: ["*"]
        verbs: ["*"]
    """

    /// A kubeconfig holding a token that must never come back whole.
    static let plantedToken = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXBsYW50ZWQtYnktdGhlLXRlc3Q.c2lnbmF0dXJlLXRoYXQtbXVzdC1ub3QtbGVhaw"
    static let kubeconfig = """
    apiVersion: v1
    kind: Config
    clusters: [{name: prod, cluster: {server: "https://k8s.example.org"}}]
    users: [{name: deployer, user: {token: "\(plantedToken)"}}]
    contexts: [{name: prod, context: {cluster: prod, user: deployer}}]
    current-context: prod
    """

    /// A root folder with a role, a kubeconfig and a symbolic link that leads out of it.
    final class Fixture: Sendable {
        let root: URL
        let outside: URL

        init() throws {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("idlint-mcp-\(UUID().uuidString)")
            root = base.appendingPathComponent("root")
            outside = base.appendingPathComponent("outside")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("rbac"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            try Data(AgentServerTests.role.utf8).write(to: root.appendingPathComponent("rbac/reader.yaml"))
            try Data(AgentServerTests.kubeconfig.utf8).write(to: root.appendingPathComponent("kubeconfig.yaml"))
            try Data(AgentServerTests.everything.utf8).write(to: outside.appendingPathComponent("secret-role.yaml"))
            try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("escape"), withDestinationURL: outside)
        }

        deinit { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
    }

    /// A connected client and the server's call log, in a file.
    static func connect(_ fixture: Fixture) async throws -> (Client, URL) {
        let library = try RuleLibrary.builtIn()
        let logURL = fixture.root.deletingLastPathComponent().appendingPathComponent("calls.log")
        let tools = AgentTools(sandbox: try RootSandbox(root: fixture.root.path), library: library, configuration: ScanConfiguration())
        let server = await AgentServer(tools: tools, log: try CallLog(path: logURL.path)).makeServer()
        let (clientTransport, serverTransport) = await InMemoryTransport.createConnectedPair()
        try await server.start(transport: serverTransport)
        let client = Client(name: "idlint-tests", version: "1")
        let handshake = try await client.connect(transport: clientTransport)
        #expect(handshake.serverInfo.name == "idlint")
        #expect(handshake.capabilities.tools != nil)
        return (client, logURL)
    }

    static func call(_ client: Client, _ name: String, _ arguments: [String: Value]) async throws -> CallTool.Result {
        let context: RequestContext<CallTool.Result> = try await client.callTool(name: name, arguments: arguments)
        return try await context.value
    }

    static func text(_ result: CallTool.Result) -> String {
        result.content.compactMap { if case .text(let text, _, _) = $0 { text } else { nil } }.joined(separator: "\n")
    }

    @Test("the handshake lists the four read-only tools with their schemas")
    func listing() async throws {
        let fixture = try Fixture()
        let (client, _) = try await Self.connect(fixture)
        let tools = try await client.listTools().tools
        #expect(tools.map(\.name).sorted() == ["check_change", "explain_rule", "map_controls", "scan"])
        #expect(tools.allSatisfy { $0.annotations.readOnlyHint == true })
        #expect(tools.first { $0.name == "explain_rule" }?.inputSchema.objectValue?["required"] == .array(["rule"]))
        #expect(tools.allSatisfy { $0.outputSchema?.objectValue?["type"] == "object" }, "every tool says what it returns")
        #expect(tools.first { $0.name == "scan" }?.outputSchema?.objectValue?["required"]?.arrayValue?.contains("findings") == true)
    }

    @Test("scan finds risks under the root and in inline files, and never returns a secret whole")
    func scanTool() async throws {
        let fixture = try Fixture()
        let (client, logURL) = try await Self.connect(fixture)
        let whole = try await Self.call(client, "scan", [:])
        #expect(whole.isError == false)
        let report = try #require(whole.structuredContent?.objectValue)
        #expect(report["schema"] == .string("idlint-report/1"))
        let findings = try #require(report["findings"]?.arrayValue)
        #expect(findings.contains { $0.objectValue?["ruleId"]?.stringValue?.hasPrefix("KUBECONFIG-") == true })
        let encoded = String(decoding: try JSONEncoder().encode(whole), as: UTF8.self)
        #expect(!encoded.contains(Self.plantedToken), "the planted token came back whole")
        #expect(!Self.text(whole).contains(Self.plantedToken))

        let inline = try await Self.call(client, "scan", ["files": .array([.object(["name": "proposed/admin.yaml", "content": .string(Self.everything)])])])
        let inlineFindings = try #require(inline.structuredContent?.objectValue?["findings"]?.arrayValue)
        #expect(inlineFindings.contains { $0.objectValue?["location"]?.objectValue?["file"] == .string("proposed/admin.yaml") })

        let log = try String(contentsOf: logURL, encoding: .utf8)
        #expect(log.contains("\"tool\":\"scan\""))
        #expect(log.contains("proposed/admin.yaml"))
        #expect(!log.contains("verbs"), "the log records names and sizes, not contents")
    }

    @Test("paths that leave the root are refused, and nothing outside is read", arguments: [
        "../outside/secret-role.yaml", "/etc/passwd", "escape/secret-role.yaml", "rbac/../../outside", "~/x",
    ])
    func pathEscapes(path: String) async throws {
        let fixture = try Fixture()
        let (client, _) = try await Self.connect(fixture)
        let result = try await Self.call(client, "scan", ["paths": .array([.string(path)])])
        #expect(result.isError == true)
        let message = Self.text(result)
        #expect(message.contains("root") || message.contains("absolute"), "\(message)")
        #expect(!message.contains("K8S-"))
    }

    @Test("malformed and oversized arguments are refused with a message naming the problem", arguments: [
        ("scan", ["paths": Value.string("rbac")], "list"),
        ("scan", ["path": Value.array(["rbac"])], "unknown argument 'path'"),
        ("scan", ["files": Value.array([.object(["name": "big.yaml", "content": .string(String(repeating: "a", count: (1 << 20) + 1))])])], "at most"),
        ("scan", ["files": Value.array(Array(repeating: .object(["name": "x.yaml", "content": "a: 1"]), count: 65))], "at most 64"),
        ("explain_rule", [:], "required"),
        ("explain_rule", ["rule": Value.int(3)], "must be a string"),
        ("check_change", [:], "give either"),
        ("check_change", ["base": "--output=/tmp/pwned"], "not a git revision"),
        ("map_controls", ["framework": "NOPE", "rules": .array(["AWS-ADMIN-POLICY"])], "no framework"),
        ("nonexistent", [:], "unknown tool"),
    ] as [(String, [String: Value], String)])
    func refusals(tool: String, arguments: [String: Value], expected: String) async throws {
        let fixture = try Fixture()
        let (client, _) = try await Self.connect(fixture)
        let result = try await Self.call(client, tool, arguments)
        #expect(result.isError == true)
        #expect(Self.text(result).contains(expected), "\(Self.text(result))")
    }

    @Test("check_change judges a proposal against the root's files as idlint diff does")
    func checkProposal() async throws {
        let fixture = try Fixture()
        let (client, _) = try await Self.connect(fixture)
        let result = try await Self.call(client, "check_change", ["changes": .array([.object(["name": "rbac/reader.yaml", "content": .string(Self.everything)])])])
        #expect(result.isError == false, "\(Self.text(result))")
        let report = try #require(result.structuredContent?.objectValue)
        #expect(report["schema"] == .string("idlint-diff/1"))
        let verdict = report["gate"]?.objectValue?["verdict"]?.stringValue
        #expect(verdict == "block" || verdict == "review")
        #expect(report["gate"]?.objectValue?["actor"] == .string("agent"))
        #expect(Self.text(result).hasPrefix("verdict: "))
    }

    @Test("check_change reads git revisions of the root through git")
    func checkRevisions() async throws {
        let fixture = try Fixture()
        try FileManager.default.removeItem(at: fixture.root.appendingPathComponent("escape"))
        func git(_ arguments: String...) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", fixture.root.path, "-c", "user.name=Dev", "-c", "user.email=dev@example.org"] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "git \(arguments)")
        }
        try git("init", "-q")
        try git("add", ".")
        try git("commit", "-q", "-m", "base")
        try Data(Self.everything.utf8).write(to: fixture.root.appendingPathComponent("rbac/reader.yaml"))
        try git("commit", "-q", "-a", "-m", "widen the reader")
        let (client, _) = try await Self.connect(fixture)
        let result = try await Self.call(client, "check_change", ["base": "HEAD~1", "head": "HEAD"])
        #expect(result.isError == false, "\(Self.text(result))")
        let summary = try #require(result.structuredContent?.objectValue?["summary"]?.objectValue)
        #expect((summary["new"]?.intValue ?? 0) > 0)
        #expect(result.structuredContent?.objectValue?["gate"]?.objectValue?["actor"] == .string("human"))
    }

    @Test("explain_rule and map_controls answer from the rule library; resources list the catalogs")
    func explainAndMap() async throws {
        let fixture = try Fixture()
        let (client, _) = try await Self.connect(fixture)
        let explained = try await Self.call(client, "explain_rule", ["rule": "aws-admin-policy"])
        let rule = try #require(explained.structuredContent?.objectValue)
        #expect(rule["id"] == .string("AWS-ADMIN-POLICY"))
        #expect(rule["controls"]?.arrayValue?.contains { $0.objectValue?["id"] == .string("OWASP-NHI-2025:NHI5") } == true)

        let mapped = try await Self.call(client, "map_controls", ["framework": "OWASP-NHI", "findings": .array([.object(["ruleId": "AWS-ADMIN-POLICY"]), .object(["ruleId": "NOT-A-RULE"])])])
        let controls = try #require(mapped.structuredContent?.objectValue?["controls"]?.arrayValue)
        #expect(controls.contains { $0.objectValue?["id"] == .string("OWASP-NHI-2025:NHI5") && $0.objectValue?["title"] == .string("Overprivileged NHI") })
        #expect(controls.allSatisfy { $0.objectValue?["id"]?.stringValue?.hasPrefix("OWASP-NHI-2025:") == true })
        #expect(mapped.structuredContent?.objectValue?["unknownRules"] == .array(["NOT-A-RULE"]))

        let resources = try await client.listResources().resources
        #expect(resources.contains { $0.uri == "idlint://rules" })
        #expect(resources.contains { $0.uri == "idlint://catalogs/OWASP-NHI-2025" })
        let contents = try await client.readResource(uri: "idlint://catalogs/OWASP-ASI-2026")
        #expect(contents.first?.text?.contains("ASI03") == true)
    }
}
