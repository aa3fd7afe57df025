import ArgumentParser
import FoundationEssentials
import IdlintCommandLine
import IdlintEngine

@main
struct Idlint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idlint",
        abstract: "Static risk scanner for identity configuration: RBAC, IAM, OIDC, SAML.",
        discussion: """
        Exit codes: 0 nothing at or above the --fail-on threshold, 1 findings at or above \
        it or inputs that could not be parsed, 2 usage or configuration error.
        """,
        version: IdlintVersion.current,
        subcommands: [Scan.self, Diff.self, Baseline.self, Report.self, Rules.self, MCP.self],
        defaultSubcommand: Scan.self
    )

    static func main() {
        _ = StageTimings.processStarted
        MallocSettings.keepLargeBlocksMapped()
        let first = CommandLine.arguments.dropFirst().first
        // `idlint mcp` hands over to idlint-mcp, which reads the rules itself.
        if first != "mcp" { RuleLibrary.prepareBuiltIn() }
        ChildProcesses.shared.cleanUpOnSignals()
        if let typo = first, let suggestion = misspeltSubcommand(typo) {
            FileSystem.writeStandardError("idlint: '\(typo)' is not a command or a path; did you mean 'idlint \(suggestion)'?\n")
            exit(withError: ExitCode(2))
        }
        runWithIdlintExitCodes()
    }

    /// `idlint scna` must not scan a path named `scna`: a first argument that is neither a
    /// command, an option nor an existing path, but is one or two edits from a command,
    /// is a usage error with the command it most likely meant.
    static func misspeltSubcommand(_ word: String) -> String? {
        // Every command names itself: `String(describing:)` of a type would cost a scan of
        // every protocol conformance in the binary, about a millisecond each at start-up.
        let names = configuration.subcommands.compactMap { $0.configuration.commandName }
        guard !word.hasPrefix("-"), !names.contains(word), !FileManager.default.fileExists(atPath: word) else { return nil }
        return Spelling.nearest(word, among: names)
    }
}
