import ArgumentParser
import Foundation
import IdlintEngine
import IdlintReporting

struct Baseline: ParsableCommand {
    static let configuration = CommandConfiguration(
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
        let entries = result.activeFindings.map { finding in
            JSONValue.object([
                ("ruleId", .string(finding.ruleID)),
                ("fingerprint", .string(finding.fingerprint)),
                ("file", .string(finding.location.file)),
                ("message", .string(finding.message)),
            ])
        }
        let baseline = JSONValue.object([
            ("schema", .string("idlint-baseline/1")),
            ("tool", .string("idlint \(IdlintVersion.current)")),
            ("created", .string(SuppressionPolicy.currentDate())),
            ("findings", .array(entries)),
        ])
        do {
            try FileSystem.write(baseline.serialized() + "\n", to: output)
        } catch {
            FileSystem.printError("idlint: cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        FileSystem.printError("idlint: \(entries.count) finding\(entries.count == 1 ? "" : "s") recorded in \(output)")
        if result.hasErrors { throw ExitCode(1) }
    }
}
