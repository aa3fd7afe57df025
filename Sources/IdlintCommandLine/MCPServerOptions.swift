import ArgumentParser
import IdlintEngine

/// `idlint mcp`'s options and help. idlint reads them to check the command line and to
/// describe the command; idlint-mcp, to which idlint hands the command line over, reads
/// them again and serves.
package struct MCPServerOptions: ParsableArguments {
    package init() {}

    package static let abstract = "Serve idlint to agents over the Model Context Protocol (stdio): scan, check_change, explain_rule, map_controls."

    package static let discussion = """
        Read-only: nothing under the root is written, and nothing runs but read-only git. Every path an agent \
        names must stay inside --root. A request over \(AgentLimits().maxMessageBytes >> 20) MiB is refused unread. Each tool call, malformed \
        and refused ones included, is logged to standard error (or --log FILE).
        """

    @Option(help: ArgumentHelp("The folder agents may ask about (a git repository for check_change with revisions). Its .idlint.yaml is the configuration unless --config names one.", valueName: "DIR"))
    package var root: String = "."

    @Option(help: ArgumentHelp("Append the call log to this file instead of standard error.", valueName: "FILE"))
    package var log: String?

    @OptionGroup package var rules: RuleOptions
}
