import ArgumentParser
import FoundationEssentials
import IdlintCommandLine
import IdlintEngine
import IdlintReporting

struct Baseline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Record today's findings as accepted, so that later scans report only new ones.",
        discussion: """
        The baseline holds fingerprints, never line numbers: moving or reformatting a block \
        keeps its finding accepted, while a replaced secret or a widened grant gets a new \
        fingerprint and is reported again.
        """
    )

    @Argument(help: ArgumentHelp("Files and folders to scan.", valueName: "PATH"))
    var paths: [String] = ["."]

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the baseline.", valueName: "FILE"))
    var output: String = ".idlint-baseline.json"

    @OptionGroup var rules: RuleOptions

    func run() throws {
        let (configuration, library) = try loadOrExit(rules)
        try FileSystem.refuseOverwritingInput(output, paths: paths, options: configuration.discovery)
        let result = IdentityScanner(library: library, configuration: configuration).scan(paths: paths)
        let entries = result.activeFindings
        try FileSystem.writeReport(toFile: output) { stream in
            var json = JSONWriter(stream)
            json.beginObject()
            json.member("schema", "idlint-baseline/1")
            json.member("tool", "idlint \(IdlintVersion.current)")
            json.member("created", SuppressionPolicy.currentDate())
            json.key("findings")
            json.beginArray()
            for finding in entries {
                json.beginObject()
                json.member("ruleId", finding.ruleID)
                json.member("fingerprint", finding.fingerprint)
                json.member("file", finding.location.file)
                json.member("message", finding.message)
                json.endObject()
            }
            json.endArray()
            json.endObject()
            json.finish()
            stream.write("\n")
        }
        FileSystem.printError("idlint: \(entries.count) finding\(entries.count == 1 ? "" : "s") recorded in \(output)")
        if result.hasErrors { throw ExitCode(1) }
    }
}
