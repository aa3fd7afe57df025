import ArgumentParser
import IdlintEngine
import IdlintReporting

/// Options shared by the commands that load rules and configuration.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("Add the rules in this folder (repeatable).", valueName: "DIR"))
    var ruleDirectories: [String] = []

    @Option(help: ArgumentHelp("Configuration file. Default: .idlint.yaml in the current folder, when present.", valueName: "FILE"))
    var config: String?

    /// Loads configuration and the rule library, or fails with exit code 2.
    func load() throws -> (ScanConfiguration, RuleLibrary) {
        do {
            var configuration = ScanConfiguration()
            let path = config ?? ".idlint.yaml"
            if config != nil || FileSystem.isReadableFile(path) {
                let bytes = try FileReader.read(path: path, maxBytes: 1 << 20)
                configuration = try ScanConfiguration.load(text: String(decoding: bytes, as: UTF8.self), path: path)
            }
            configuration.ruleDirectories += ruleDirectories
            var library = try RuleLibrary.builtIn()
            try configuration.apply(to: &library)
            return (configuration, library)
        } catch let error as DataFileError {
            throw ValidationFailure(message: error.description)
        } catch let error as FileReader.ReadError {
            throw ValidationFailure(message: "\(config ?? ".idlint.yaml"): \(error.message)")
        }
    }
}

struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Output format: text, json, sarif or markdown.")
    var format: ReportFormat = .text

    @Option(name: [.short, .long], help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "FILE"))
    var output: String?
}

extension ReportFormat: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}

/// A configuration or rule-file problem: printed plainly, exit code 2.
struct ValidationFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
