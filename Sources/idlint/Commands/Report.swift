import ArgumentParser
import FoundationEssentials
import IdlintCommandLine
import IdlintEngine
import IdlintReporting

/// `idlint report --framework ID`: the audit-prep report of a scan against framework
/// catalogs, control by control.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Audit-prep report: each control of a framework failing, passing, not assessed or out of scope, with evidence.",
        discussion: """
        Frameworks: OWASP-NHI-2025, OWASP-ASI-2026, OWASP-AITM-1.0, CSA-MAESTRO-2025, NIST-AI-RMF-1.0, NIST-AI-600-1, \
        NIST-SP800-53-R5, CIS-K8S-1.10, CIS-AWS-5.0 (an id, a prefix such as OWASP-NHI, or all). \
        Exit codes: 0 no failing control, 1 a failing control or an input that could not be read, 2 usage or configuration error.
        """
    )

    @Argument(help: ArgumentHelp("Files and folders to scan.", valueName: "PATH"))
    var paths: [String] = ["."]

    @Option(help: ArgumentHelp("Catalog id or prefix, or all.", valueName: "ID"))
    var framework: String = "all"

    @Option(name: [.short, .long], help: "Report format: markdown, html, json or csv.")
    var format: FrameworkReportFormat = .markdown

    @Option(name: [.short, .long], help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "FILE"))
    var output: String?

    @OptionGroup var rules: RuleOptions
    @OptionGroup var acceptance: AcceptanceOptions
    @OptionGroup var selection: SelectionOptions

    func run() throws {
        var (configuration, library) = try loadOrExit(rules)
        selection.apply(to: &configuration)
        try exitOnValidationFailure { try selection.select(in: &library) }
        try FileSystem.refuseMissingPaths(paths)
        try acceptance.apply(to: &configuration, library: library)
        let catalogs = library.catalogs(matching: framework)
        guard !catalogs.isEmpty else {
            FileSystem.printError("idlint: no framework \(framework); known: \(library.catalogs.map(\.id).joined(separator: ", ")), or all")
            throw ExitCode(2)
        }
        try FileSystem.refuseOverwritingInput(output, paths: paths, options: configuration.discovery)
        let now = configuration.now ?? Date()
        configuration.setClock(now)
        let result = IdentityScanner(library: library, configuration: configuration).scan(paths: paths)
        let assessment = FrameworkAssessment.assess(result, library: library, catalogs: catalogs)
        let input = FrameworkReportInput(assessment: assessment, library: library, inputs: paths, date: SuppressionPolicy.day(now),
                                         sourceRoot: FileSystem.currentDirectory)
        try FileSystem.writeReport(toFile: output) { format.reporter.write(input, to: $0) }
        for diagnostic in result.diagnostics where diagnostic.level == .error {
            FileSystem.printError(diagnostic.description)
        }
        if !assessment.unreadInputs.isEmpty || assessment.catalogs.contains(where: { $0.count(.failing) > 0 }) { throw ExitCode(1) }
    }
}

extension FrameworkReportFormat: ExpressibleByArgument {}
