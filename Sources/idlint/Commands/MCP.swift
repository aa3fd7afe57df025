import ArgumentParser
import FoundationEssentials
import IdlintCommandLine

/// `idlint mcp`: the read-only agent interface over MCP's stdio transport. The server is
/// idlint-mcp, installed beside idlint (see `Package.swift` for why it is apart): this
/// command checks the command line, then replaces the process with it.
struct MCP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp", abstract: MCPServerOptions.abstract, discussion: MCPServerOptions.discussion
    )

    @OptionGroup var options: MCPServerOptions

    func run() throws {
        guard let server = ServerHandOver.serverPath() else {
            FileSystem.printError("idlint: idlint mcp runs the server idlint-mcp from idlint's own folder, and cannot tell which folder that is (/proc/self/exe)")
            throw ExitCode(2)
        }
        // Everything after `mcp`, as the user wrote it: idlint's own command takes no
        // options, so the first `mcp` after the program's name is the command's name.
        let arguments = CommandLine.arguments
        guard let command = arguments.indices.dropFirst().first(where: { arguments[$0] == "mcp" }) else {
            FileSystem.printError("idlint: cannot find the mcp command in the command line to hand over")
            throw ExitCode(2)
        }
        let failure = ServerHandOver.replaceProcess(with: server, arguments: Array(arguments[(command + 1)...]))
        FileSystem.printError("idlint: idlint mcp runs the server idlint-mcp from idlint's own folder, and cannot start \(server): \(failure)")
        throw ExitCode(2)
    }
}
