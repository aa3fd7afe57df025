import Foundation
import IdlintEngine
import IdlintReporting
import Logging
import MCP

/// idlint as an MCP server: the tools of `AgentTools`, and the rule list and framework
/// catalogs as resources. Every call is logged, malformed and oversized ones included;
/// failures come back as tool errors with a message (or, for params that are not a
/// call at all and messages over the cap, as JSON-RPC errors), never as a crash.
public struct AgentServer: Sendable {
    public let tools: AgentTools
    public let log: CallLog

    public init(tools: AgentTools, log: CallLog) {
        self.tools = tools
        self.log = log
    }

    /// A server with every handler registered, ready to start on a transport.
    public func makeServer() async -> Server {
        let server = Server(
            name: "idlint", version: IdlintVersion.current, title: "idlint identity configuration scanner",
            instructions: "Read-only: scan identity configuration under the root, judge proposed changes, explain rules, map controls.",
            capabilities: .init(resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false))
        )
        await server.withMethodHandler(ListTools.self) { _ in
            .init(tools: ToolCatalog.tools)
        }
        await server.withMethodHandler(RawCallTool.self) { [self] parameters in
            try call(parameters)
        }
        await server.withMethodHandler(ListResources.self) { [self] _ in
            .init(resources: resources())
        }
        await server.withMethodHandler(ReadResource.self) { [self] parameters in
            try read(parameters.uri)
        }
        return server
    }

    /// Serves MCP over standard input and output until the client goes away.
    public func runOverStandardIO() async throws {
        let server = await makeServer()
        try await server.start(transport: makeTransport())
        await server.waitUntilCompleted()
        // Disconnecting waits for a line being written (sending is the transport actor's
        // work, done whole): an answer to a cancelled request is not cut off by the exit.
        await server.stop()
    }

    /// The stdio transport, bounded by `maxMessageBytes`, with refusals of longer
    /// messages and of lines the SDK cannot read in the call log: they are calls too,
    /// even though no tool saw them.
    func makeTransport(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) -> BoundedStdioTransport {
        let limit = tools.limits.maxMessageBytes
        return BoundedStdioTransport(input: input, output: output, maxMessageBytes: limit,
                                     logger: Logger(label: "idlint.mcp") { [log] _ in CallLogHandler(callLog: log) }) { [log] bytes, id in
            log.recordOversized(bytes: bytes, limit: limit, id: id.map { "\($0)" })
        }
    }

    /// A `tools/call` whose params are logged and refused when malformed, before the
    /// tool is looked up.
    func call(_ raw: Value) throws -> CallTool.Result {
        switch RawCallTool.parameters(raw) {
        case .success(let parameters):
            return call(parameters.name, parameters.arguments)
        case .failure(let failure):
            let shape = raw.objectValue.map { Self.shape($0) } ?? Self.shape(["params": raw])
            log.record(tool: raw.objectValue?["name"]?.stringValue ?? "?", arguments: ["params": shape],
                       outcome: "refused: \(failure)", milliseconds: 0)
            throw MCPError.invalidParams(failure.description)
        }
    }

    func call(_ name: String, _ arguments: [String: Value]?) -> CallTool.Result {
        let started = Date()
        do {
            let output: AgentTools.Output
            switch name {
            case "scan": output = try tools.scan(arguments)
            case "check_change": output = try tools.checkChange(arguments)
            case "explain_rule": output = try tools.explainRule(arguments)
            case "map_controls": output = try tools.mapControls(arguments)
            default: throw ToolFailure("unknown tool '\(name)'; the tools are \(ToolCatalog.tools.map(\.name).joined(separator: ", "))")
            }
            log.record(tool: name, arguments: output.logged, outcome: "ok", milliseconds: Self.milliseconds(since: started))
            return .init(content: [.text(text: output.summary, annotations: nil, _meta: nil)], structuredContent: Optional(output.structured), isError: false)
        } catch {
            // A failure can quote what it read (git's stderr names remotes, credentials included).
            let message = Redaction.scrub("\(error)")
            log.record(tool: name, arguments: ["arguments": Self.shape(arguments)], outcome: "refused: \(message)", milliseconds: Self.milliseconds(since: started))
            return .init(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
        }
    }

    /// Argument names and value kinds only: what was asked, not what was sent.
    static func shape(_ arguments: [String: Value]?) -> String {
        (arguments ?? [:]).keys.sorted().map { key in
            switch arguments![key]! {
            case .string(let text): "\(key)=string(\(text.utf8.count) bytes)"
            case .array(let items): "\(key)=list(\(items.count))"
            case .object(let members): "\(key)=object(\(members.count))"
            case .null: "\(key)=null"
            default: "\(key)=\(arguments![key]!)"
            }
        }.joined(separator: " ")
    }

    static func milliseconds(since start: Date) -> Int {
        Int(Date().timeIntervalSince(start) * 1000)
    }

    func resources() -> [Resource] {
        [Resource(name: "rules", uri: "idlint://rules", description: "Every rule: id, title, severity, family, controls.", mimeType: "application/json")]
            + tools.library.catalogs.map { catalog in
                Resource(name: catalog.id, uri: "idlint://catalogs/\(catalog.id)", title: "\(catalog.title) \(catalog.version)",
                         description: "Controls of \(catalog.title), from \(catalog.source).", mimeType: "application/json")
            }
    }

    func read(_ uri: String) throws -> ReadResource.Result {
        let library = tools.library
        let value: Value
        if uri == "idlint://rules" {
            value = .array(library.rules.map { rule in
                .object(["id": .string(rule.id), "title": .string(rule.title), "severity": .string(rule.severity.rawValue),
                         "family": .string(rule.family), "controls": .array(rule.controls.map(Value.string))])
            })
        } else if uri.hasPrefix("idlint://catalogs/"), let catalog = library.catalogs.first(where: { "idlint://catalogs/\($0.id)" == uri }) {
            value = .object([
                "id": .string(catalog.id), "title": .string(catalog.title), "version": .string(catalog.version), "source": .string(catalog.source),
                "controls": .array(catalog.controls.map { control in
                    .object(["id": .string(control.id), "title": .string(control.title), "summary": .string(control.summary),
                             "outOfScope": control.outOfScope.map(Value.string) ?? .null])
                }),
            ])
        } else {
            throw MCPError.invalidParams("unknown resource \(uri)")
        }
        let data = try JSONEncoder().encode(value)
        return .init(contents: [.text(String(decoding: data, as: UTF8.self), uri: uri, mimeType: "application/json")])
    }
}
