import ArgumentParser
import Dispatch
import Foundation
import IdlintEngine
import IdlintMCP

/// `idlint mcp`: the read-only agent interface over MCP's stdio transport.
struct MCP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve idlint to agents over the Model Context Protocol (stdio): scan, check_change, explain_rule, map_controls.",
        discussion: """
        Read-only: nothing under the root is written, and nothing runs but read-only git. Every path an agent \
        names must stay inside --root. A request over \(AgentLimits().maxMessageBytes >> 20) MiB is refused unread. Each tool call, malformed \
        and refused ones included, is logged to standard error (or --log FILE).
        """
    )

    @Option(help: ArgumentHelp("The folder agents may ask about (a git repository for check_change with revisions). Its .idlint.yaml is the configuration unless --config names one.", valueName: "DIR"))
    var root: String = "."

    @Option(help: ArgumentHelp("Append the call log to this file instead of standard error.", valueName: "FILE"))
    var log: String?

    @OptionGroup var rules: RuleOptions

    func run() throws {
        let server: AgentServer
        do {
            let sandbox = try RootSandbox(root: root)
            // The root's own configuration names its rule folders and baseline relative to
            // the root, and may name nothing outside it: those paths come from the served tree.
            let (configuration, library) = try exitOnValidationFailure {
                try rules.load(configuration: try rules.configuration(ofRoot: sandbox.root) { try sandbox.resolve($0).absolute },
                               placing: rules.config == nil ? { try sandbox.resolve($0).absolute } : nil)
            }
            let callLog = try log.map { try CallLog(path: $0) } ?? CallLog()
            server = AgentServer(tools: AgentTools(sandbox: sandbox, library: library, configuration: configuration), log: callLog)
        } catch let refusal as RootSandbox.Refusal {
            FileSystem.printError("idlint: \(refusal.description)")
            throw ExitCode(2)
        }
        // The command line is synchronous; the server is not. Wait here until it ends.
        let finished = DispatchSemaphore(value: 0)
        let failure = Locked<String?>(nil)
        Task {
            do {
                try await server.runOverStandardIO()
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
            finished.signal()
        }
        finished.wait()
        if let message = failure.withLock({ $0 }) {
            FileSystem.printError("idlint: \(message)")
            throw ExitCode(1)
        }
    }
}
