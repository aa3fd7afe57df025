import FoundationEssentials
import ArgumentParser
import IdlintCommandLine
import IdlintEngine
import IdlintReporting

/// Accepted risks: a suppression file and a baseline, for the commands that judge findings.
struct AcceptanceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A suppression file: a 'suppressions:' list with rule, path, fingerprint, reason, owner, expires.", valueName: "FILE"))
    var suppressions: String?

    @Option(help: ArgumentHelp("A baseline written by 'idlint baseline': findings it recorded are accepted (default: the configuration's 'baseline').", valueName: "FILE"))
    var baseline: String?

    /// Reads the files into the configuration, or fails with exit code 2. With
    /// `configuredBaseline`, the configuration's baseline is that text (or none) instead of
    /// the file on disk: the change gate reads the base revision's.
    func apply(to configuration: inout ScanConfiguration, library: RuleLibrary, configuredBaseline: String?? = nil) throws {
        do {
            if let suppressions {
                try configuration.addSuppressions(text: try Self.read(suppressions), path: suppressions)
                try configuration.validateRuleIDs(in: library)
            }
            if baseline == nil, let path = configuration.baselinePath, let configuredBaseline {
                if let text = configuredBaseline { try configuration.loadBaseline(text: text, path: path) }
            } else if let path = baseline ?? configuration.baselinePath, baseline != nil || FileSystem.isReadableFile(path) {
                try configuration.loadBaseline(text: try Self.read(path), path: path)
            }
        } catch let error as DataFileError {
            FileSystem.printError("idlint: \(error.description)")
            throw ExitCode(2)
        } catch let error as FileReader.ReadError {
            FileSystem.printError("idlint: \(error.message)")
            throw ExitCode(2)
        }
    }

    private static func read(_ path: String) throws -> String {
        String(decoding: try FileReader.read(path: path, maxBytes: 64 << 20), as: UTF8.self)
    }
}

/// What counts and what is read: the threshold, the rules that run and the paths to leave out.
struct SelectionOptions: ParsableArguments {
    @Option(name: .customLong("fail-on"), help: "Fail (scan: exit 1; diff: block) on a finding at or above this severity: info, low, medium, high, critical.")
    var failOn: Severity?

    @Option(name: .customLong("exclude"), help: ArgumentHelp("Skip paths matching this gitignore-style pattern (repeatable).", valueName: "GLOB"))
    var excludes: [String] = []

    @Option(name: .customLong("rule"), help: ArgumentHelp("Run only the rules whose id matches this glob (K8S-*) or whose family is this (kubernetes); repeatable.", valueName: "ID|GLOB|FAMILY"))
    var onlyRules: [String] = []

    @Option(name: .customLong("skip-rule"), help: ArgumentHelp("Do not run the rules whose id matches this glob or whose family is this; repeatable.", valueName: "ID|GLOB|FAMILY"))
    var skippedRules: [String] = []

    func apply(to configuration: inout ScanConfiguration) {
        configuration.discovery.exclude.add(lines: excludes, base: "")
        if let failOn { configuration.failOn = failOn }
    }

    /// Leaves in the library only the rules `--rule` and `--skip-rule` select; a pattern
    /// that selects no rule at all is a usage error (a typo must not switch checks off).
    func select(in library: inout RuleLibrary) throws {
        for pattern in onlyRules + skippedRules where !library.rules.contains(where: { Self.matches(pattern, $0) }) {
            throw ValidationFailure(message: "no rule matches '\(pattern)'; see 'idlint rules list'")
        }
        let dropped = library.rules.filter { rule in
            (!onlyRules.isEmpty && !onlyRules.contains { Self.matches($0, rule) }) || skippedRules.contains { Self.matches($0, rule) }
        }
        library.disable(Set(dropped.map(\.id)))
    }

    private static func matches(_ pattern: String, _ rule: Rule) -> Bool {
        rule.family.lowercased() == pattern.lowercased() || GlobPattern.overText(pattern, caseInsensitive: true).matches(rule.id)
    }
}

/// How much the terminal shows: which severities, and whether a clean run says anything.
struct DisplayOptions: ParsableArguments {
    @Option(name: .customLong("severity"),
            help: ArgumentHelp("Report only findings of these severities, comma-separated or repeated (and judge --fail-on over them): info, low, medium, high, critical.", valueName: "LIST"))
    var severityLists: [String] = []

    /// The names given, each read as a severity (nil where it is none).
    private var parsed: [(name: Substring, severity: Severity?)] {
        severityLists.flatMap { $0.split(separator: ",") }.map { ($0, Severity(rawValue: $0.trimmingBlanks().lowercased())) }
    }

    var severities: [Severity] { parsed.compactMap(\.severity) }

    mutating func validate() throws {
        if let wrong = parsed.first(where: { $0.severity == nil }) {
            throw ValidationError("'\(wrong.name)' is not a severity: info, low, medium, high, critical")
        }
    }

    @Flag(help: "Exit 0 even when findings are at or above --fail-on; usage errors still exit 2 and unreadable input 1.")
    var softFail = false

    @Flag(name: .shortAndLong, help: "Print nothing for a clean run (text format).")
    var quiet = false

    @Flag(help: "JSON, SARIF and GitLab reports without whitespace; text as one 'file:line:column: severity RULE message' line per finding.")
    var compact = false

    @Flag(help: "Print on standard error how long each stage took (command line, rules, discovery, files, model, report) and the peak memory.")
    var timings = false

    @Option(help: "Colour in text output: auto (a terminal without NO_COLOR), always or never.")
    var color: ColorChoice = .auto

    enum ColorChoice: String, ExpressibleByArgument {
        case auto, always, never
    }

    /// The result with only the chosen severities.
    func filtered(_ result: ScanResult) -> ScanResult {
        guard !severities.isEmpty else { return result }
        var filtered = result
        filtered.findings = result.findings.filter { severities.contains($0.severity) }
        return filtered
    }

    func colour(format: ReportFormat, output: String?) -> Bool {
        switch color {
        case .always: format == .text
        case .never: false
        case .auto: output == nil && format == .text && FileSystem.standardOutputIsTerminal()
        }
    }
}

struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Output format: text, json, sarif, markdown, junit or gitlab (code quality).")
    var format: ReportFormat = .text

    @Option(name: [.short, .long], help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(name: .customLong("report"), help: ArgumentHelp(
        "Also write a report in FORMAT to FILE, from the same run (repeatable): --report sarif:idlint.sarif --report junit:junit.xml. The main report still goes to --output or standard output.",
        valueName: "FORMAT:FILE"))
    var extraReports: [String] = []

    @Option(name: .customLong("rule-docs-url"), help: ArgumentHelp(
        "Link built-in rules in SARIF to RULE-ID.md under this address (your copy of docs/rules/) instead of idlint's published pages.",
        valueName: "URL"))
    var ruleDocsURL: String?

    /// The address SARIF links rule pages under: this run's, the configuration's, or idlint's own.
    func ruleDocsURL(_ configuration: ScanConfiguration) -> String {
        ruleDocsURL ?? configuration.ruleDocsURL ?? IdlintVersion.ruleDocsURL
    }

    /// A report to write: a format, and a file (nil for standard output).
    struct Destination {
        var format: ReportFormat
        var file: String?
    }

    /// Every report this run writes: the main one first, then each `--report`.
    var destinations: [Destination] {
        [Destination(format: format, file: output)] + extraReports.compactMap(Self.destination)
    }

    /// The files the reports are written to, for the check that none is an input.
    var files: [String] { destinations.compactMap(\.file) }

    private static func destination(_ text: String) -> Destination? {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let format = ReportFormat(rawValue: String(parts[0])), !parts[1].isEmpty else { return nil }
        return Destination(format: format, file: String(parts[1]))
    }

    mutating func validate() throws {
        if let ruleDocsURL, !ScanConfiguration.isWebAddress(ruleDocsURL) {
            throw ValidationError("--rule-docs-url \(ruleDocsURL): expected an http or https address")
        }
        if let wrong = extraReports.first(where: { Self.destination($0) == nil }) {
            throw ValidationError("--report \(wrong): expected FORMAT:FILE, FORMAT one of \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let named = files.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        if Set(named).count < named.count {
            throw ValidationError("two reports name the same file; each --report and --output needs its own")
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}

extension ChangeActor.Choice: ExpressibleByArgument {}
