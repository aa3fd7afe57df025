import ArgumentParser
import Dispatch
import Foundation
import IdlintCommandLine
import IdlintEngine
import IdlintMCP

/// The MCP server behind `idlint mcp`, which hands its command line over to this
/// executable. It is apart from idlint so that scans do not load the SDK's networking.
@main
struct IdlintMCPServer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idlint mcp", abstract: MCPServerOptions.abstract, discussion: MCPServerOptions.discussion,
        version: IdlintVersion.current
    )

    @OptionGroup var options: MCPServerOptions

    static func main() {
        MallocSettings.keepLargeBlocksMapped()
        if let refusal = MCPHandOver.refusal(environment: ProcessInfo.processInfo.environment) {
            FileSystem.printError("idlint: \(refusal)")
            Foundation.exit(2)
        }
        // Read; git, which check_change runs, need not see it.
        unsetenv(MCPHandOver.versionVariable)
        RuleLibrary.prepareBuiltIn()
        ChildProcesses.shared.cleanUpOnSignals()
        runWithIdlintExitCodes()
    }

    func run() throws {
        let server: AgentServer
        do {
            let sandbox = try RootSandbox(root: options.root)
            // The root's own configuration names its rule folders and baseline relative to
            // the root, and may name nothing outside it: those paths come from the served tree.
            let rules = options.rules
            let (configuration, library) = try exitOnValidationFailure {
                try rules.load(configuration: try rules.configuration(ofRoot: sandbox.root) { try sandbox.resolve($0).absolute },
                               placing: rules.config == nil ? { try sandbox.resolve($0).absolute } : nil)
            }
            let callLog = try options.log.map { try CallLog(path: $0) } ?? CallLog()
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
