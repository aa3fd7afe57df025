import ArgumentParser
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
        subcommands: [Scan.self, Rules.self],
        defaultSubcommand: Scan.self
    )
}
