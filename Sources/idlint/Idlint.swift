import ArgumentParser
import Foundation
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
        subcommands: [Scan.self, Diff.self, Baseline.self, Report.self, Rules.self, Serve.self],
        defaultSubcommand: Scan.self
    )

    /// Runs the command, keeping idlint's exit codes: argument-parser reports usage errors
    /// as 64 (EX_USAGE); idlint documents 2 for every usage or configuration error.
    static func main() {
        ChildProcesses.shared.cleanUpOnSignals()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
