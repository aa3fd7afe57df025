import Foundation
import IdlintEngine
@testable import IdlintMCP
import MCP
import Testing

/// The whole server as `idlint mcp` runs it, on the bounded transport over real pipes,
/// spoken to in raw JSON-RPC lines: what no typed client can send, malformed params
/// and messages over the cap, is answered with an error and logged like any call.
@Suite("MCP server over stdio")
struct StdioServerTests {
    /// A started server on fresh pipes, after the handshake, and its call log.
    static func start(_ fixture: AgentServerTests.Fixture) async throws -> (Server, StdioPipes, URL) {
        let logURL = fixture.root.deletingLastPathComponent().appendingPathComponent("calls.log")
        let tools = AgentTools(sandbox: try RootSandbox(root: fixture.root.path), library: try RuleLibrary.builtIn(), configuration: ScanConfiguration())
        let agent = AgentServer(tools: tools, log: try CallLog(path: logURL.path))
        let pipes = try StdioPipes()
        let server = await agent.makeServer()
        try await server.start(transport: agent.makeTransport(input: pipes.serverInput, output: pipes.serverOutput))
        pipes.send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"pipes","version":"1"}}}"# + "\n")
        pipes.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"# + "\n")
        return (server, pipes, logURL)
    }

    static func stop(_ server: Server, _ pipes: StdioPipes) async {
        await server.stop()
        pipes.closeClientInput()
        pipes.closeRest()
    }

    static func call(_ id: Int, params: String?) -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call""# + (params.map { #","params":\#($0)"# } ?? "") + "}\n"
    }

    static func logEntries(_ url: URL) throws -> [[String: Value]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { try jsonObject(Data($0.utf8)) }
    }

    @Test("malformed tools/call params are answered with invalid params and logged, and the server goes on")
    func malformedParams() async throws {
        let fixture = try AgentServerTests.Fixture()
        defer { withExtendedLifetime(fixture) {} }
        let (server, pipes, logURL) = try await Self.start(fixture)
        var answers = Answers(pipes)
        _ = try await answers.to(1)

        let malformed: [(params: String?, problem: String, tool: String)] = [
            (#"{"arguments":{}}"#, "'name' is missing", "?"),
            (#"{"name":7}"#, "'name' is not a string", "?"),
            (#"{"name":"scan","arguments":["rbac"]}"#, "the 'arguments' of 'scan' are not an object", "scan"),
            (nil, "none were given", "?"),
            (#""scan""#, "the params are not an object", "?"),
        ]
        for (offset, call) in malformed.enumerated() {
            pipes.send(Self.call(10 + offset, params: call.params))
            let reply = try await answers.to(10 + offset)
            let error = try #require(reply["error"]?.objectValue, "\(reply)")
            #expect(error["code"] == .int(-32602))
            #expect(error["message"]?.stringValue?.contains(call.problem) == true, "\(error)")
        }
        pipes.send(Self.call(20, params: #"{"name":"explain_rule","arguments":{"rule":"AWS-ADMIN-POLICY"}}"#))
        let served = try await answers.to(20)
        #expect(served["result"]?.objectValue?["isError"] == .bool(false))
        await Self.stop(server, pipes)

        let entries = try Self.logEntries(logURL)
        #expect(entries.count == malformed.count + 1, "\(entries)")
        for (entry, call) in zip(entries, malformed) {
            #expect(entry["tool"] == .string(call.tool))
            #expect(entry["outcome"]?.stringValue?.hasPrefix("refused: ") == true)
            #expect(entry["outcome"]?.stringValue?.contains(call.problem) == true, "\(entry)")
        }
        #expect(entries.last?["outcome"] == .string("ok"))
        #expect(entries[2]["params"] == .string("arguments=list(1) name=string(4 bytes)"), "the log shows the shape, not the contents")
    }

    @Test("requests sent just before the end of input are answered before the server stops", .timeLimit(.minutes(1)))
    func answersBeforeEndOfInput() async throws {
        let fixture = try AgentServerTests.Fixture()
        defer { withExtendedLifetime(fixture) {} }
        let (server, pipes, _) = try await Self.start(fixture)
        var answers = Answers(pipes)
        _ = try await answers.to(1)
        let ids = 40..<44
        for id in ids { pipes.send(Self.call(id, params: #"{"name":"scan","arguments":{}}"#)) }
        // A client that wrote its calls and exits: input ends at once.
        pipes.closeClientInput()
        await server.waitUntilCompleted()
        // Whatever the server wrote before it stopped is all the client gets.
        pipes.closeServerEnds()
        for id in ids {
            let reply = try await answers.to(id)
            #expect(reply["result"]?.objectValue?["isError"] == .bool(false), "\(reply)")
        }
        await server.stop()
        pipes.closeClientOutput()
    }

    @Test("a cancelled request is not waited for at the end of input")
    func cancelledRequestNotAwaited() throws {
        let pending = PendingRequests()
        pending.received(Data(#"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"scan"}}"#.utf8))
        pending.received(Data(#"{"jsonrpc":"2.0","id":"a","method":"tools/call"}"#.utf8))
        pending.received(Data(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#.utf8))
        #expect(pending.waitForAnswers(limit: 0.01) == 2)
        pending.sent(Data(#"{"id":"a","jsonrpc":"2.0","result":{"content":[{"type":"text","text":"{\"id\":7}"}]}}"#.utf8))
        pending.sent(Data(#"{"jsonrpc":"2.0","method":"notifications/message","params":{"id":7}}"#.utf8))
        #expect(pending.waitForAnswers(limit: 0.01) == 1, "an answer counts, a notification naming the id does not")
        pending.received(Data(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":7,"reason":"gone"}}"#.utf8))
        #expect(pending.waitForAnswers(limit: 0.01) == 0)
    }

    @Test("a request id used twice is waited for twice; lines the SDK answers under no such id are not waited for")
    func pendingRequestsCount() throws {
        let pending = PendingRequests()
        let request = Data(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#.utf8)
        pending.received(request)
        pending.received(request)
        // Broken JSON: the SDK answers under an id of its own making.
        pending.received(Data(#"{"jsonrpc":"2.0","id":2,"method":"ping","params":{"a":tru}}"#.utf8))
        // A method and a result: the SDK reads it as an answer, and answers nothing.
        pending.received(Data(#"{"jsonrpc":"2.0","id":3,"method":"ping","result":{}}"#.utf8))
        #expect(pending.waitForAnswers(limit: 0.01) == 2)
        let answer = Data(#"{"id":1,"jsonrpc":"2.0","result":{}}"#.utf8)
        pending.sent(answer)
        #expect(pending.waitForAnswers(limit: 0.01) == 1)
        pending.sent(answer)
        #expect(pending.waitForAnswers(limit: 0.01) == 0)
    }

    @Test("a line that is no JSON-RPC message, which the SDK answers itself, is logged too")
    func unreadableLine() async throws {
        let fixture = try AgentServerTests.Fixture()
        defer { withExtendedLifetime(fixture) {} }
        let (server, pipes, logURL) = try await Self.start(fixture)
        var answers = Answers(pipes)
        _ = try await answers.to(1)

        pipes.send(#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"scan""# + "\n")
        pipes.send(Self.call(3, params: #"{"name":"explain_rule","arguments":{"rule":"AWS-ADMIN-POLICY"}}"#))
        _ = try await answers.to(3)
        await Self.stop(server, pipes)

        let entries = try Self.logEntries(logURL)
        #expect(entries.map { $0["tool"] } == [.string("(protocol)"), .string("explain_rule")], "\(entries)")
        #expect(entries.first?["outcome"]?.stringValue?.contains("Invalid message format") == true, "\(entries)")
    }

    @Test("a call over the message cap is refused under its id and logged; the next call is served", .timeLimit(.minutes(1)))
    func oversizedCall() async throws {
        let fixture = try AgentServerTests.Fixture()
        defer { withExtendedLifetime(fixture) {} }
        let (server, pipes, logURL) = try await Self.start(fixture)
        var answers = Answers(pipes)
        _ = try await answers.to(1)

        let content = String(repeating: "a", count: AgentLimits().maxMessageBytes)
        let big = Self.call(2, params: #"{"name":"scan","arguments":{"files":[{"name":"big.yaml","content":"\#(content)"}]}}"#)
        pipes.sendInBackground(Data((big + Self.call(3, params: #"{"name":"explain_rule","arguments":{"rule":"K8S-SECRETS-READ"}}"#)).utf8))
        let refused = try await answers.to(2)
        #expect(refused["error"]?.objectValue?["code"] == .int(-32600))
        let served = try await answers.to(3)
        #expect(served["result"]?.objectValue?["isError"] == .bool(false))
        await Self.stop(server, pipes)

        let entries = try Self.logEntries(logURL)
        #expect(entries.count == 2, "\(entries)")
        #expect(entries.first?["tool"] == .string("(unread)"))
        #expect(entries.first?["id"] == .string("2"))
        #expect(entries.first?["bytes"] == .string(String(big.utf8.count - 1)))
        #expect(entries.first?["outcome"]?.stringValue?.contains("request too large") == true)
        #expect(entries.last?["tool"] == .string("explain_rule"))
    }
}
