import ArgumentParser
import FoundationEssentials
import IdlintCommandLine
import IdlintEngine
import IdlintReporting

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan files and folders for identity configuration risks.",
        discussion: "Reads .yaml, .yml, .json and .xml files; '-' reads standard input. Honours .gitignore."
    )

    @Argument(help: ArgumentHelp("Files and folders to scan; '-' for standard input.", valueName: "PATH"))
    var paths: [String] = ["."]

    @OptionGroup var output: OutputOptions
    @OptionGroup var rules: RuleOptions
    @OptionGroup var acceptance: AcceptanceOptions

    @OptionGroup var selection: SelectionOptions
    @OptionGroup var display: DisplayOptions

    @Flag(name: .customLong("no-gitignore"), help: "Scan files that .gitignore excludes.")
    var noGitignore = false

    @Option(help: "Worker threads (default: one per core).")
    var jobs: Int?

    func run() throws {
        var timings = StageTimings()
        // Start-up in two parts, so that its longer path shows: reading the command line
        // (argument-parser's reflection, on this thread), then the rest of the wait for
        // the rules and catalogs being read on the other cores since `main` began.
        timings.mark("command line")
        var (configuration, library) = try loadOrExit(rules)
        timings.mark("rules")
        selection.apply(to: &configuration)
        try exitOnValidationFailure { try selection.select(in: &library) }
        if noGitignore { configuration.discovery.honourGitignore = false }
        if let jobs { configuration.jobs = jobs }
        try acceptance.apply(to: &configuration, library: library)
        try FileSystem.refuseMissingPaths(paths)
        for file in output.files { try FileSystem.refuseOverwritingInput(file, paths: paths, options: configuration.discovery) }
        timings.mark("options")
        let result = display.filtered(IdentityScanner(library: library, configuration: configuration).scan(paths: paths))
        timings.add(result.statistics)
        let input = ReportInput(result: result, library: library, sourceRoot: FileSystem.currentDirectory, ruleDocsURL: output.ruleDocsURL(configuration),
                                jobs: configuration.jobs)
        let clean = !result.hasErrors && result.activeCount == 0
        for destination in output.destinations where !(display.quiet && clean && destination.file == nil && destination.format == .text) {
            let reporter = destination.format.reporter(colour: display.colour(format: destination.format, output: destination.file), compact: display.compact)
            try FileSystem.writeReport(toFile: destination.file) { reporter.write(input, to: $0) }
        }
        timings.mark("report")
        timings.print(if: display.timings)
        // Unread input fails even a soft run: it is not a finding to accept, it is a scan that did not happen.
        if result.hasErrors { throw ExitCode(1) }
        if result.fails(at: configuration.failOn) && !display.softFail { throw ExitCode(1) }
    }
}

/// Loads configuration and rules, turning their errors into exit code 2.
func loadOrExit(_ rules: RuleOptions) throws -> (ScanConfiguration, RuleLibrary) {
    try exitOnValidationFailure { try rules.load() }
}
