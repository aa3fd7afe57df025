import IdlintEngine

/// Everything a report needs: the scan's result and the rules and catalogs behind it.
public struct ReportInput: Sendable {
    public var result: ScanResult
    public let library: RuleLibrary
    public var toolVersion: String
    /// Absolute folder that relative paths in the report are relative to (SARIF's %SRCROOT%).
    public var sourceRoot: String
    /// Where built-in rules' pages are, ending in `/`: a rule's page is its id + `.md`.
    public var ruleDocsURL: String
    /// Threads a report may write with, as `--jobs` gives them; 0 means one per core.
    public var jobs: Int

    /// The library's rules by id: a report looks one up for every finding.
    private let rulesByID: [String: Rule]

    public init(result: ScanResult, library: RuleLibrary, toolVersion: String = IdlintVersion.current, sourceRoot: String,
                ruleDocsURL: String = IdlintVersion.ruleDocsURL, jobs: Int = 0) {
        self.result = result
        self.jobs = jobs
        self.ruleDocsURL = ruleDocsURL
        self.library = library
        self.toolVersion = toolVersion
        self.sourceRoot = sourceRoot
        rulesByID = Dictionary(library.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func rule(_ id: String) -> Rule? { rulesByID[id] }

    /// How many threads write the findings of a large report.
    var workers: Int { ScanConfiguration.threads(forJobs: jobs) }

    func helpURI(of rule: Rule) -> String? {
        rule.helpPage(under: ruleDocsURL)
    }

    /// A path as CI systems want it: relative to the source root where it lies below it.
    func relative(_ path: String) -> String {
        relativePath(path, to: sourceRoot) ?? path
    }
}

/// One output format. Reporters write to a stream as they render, so a report of any
/// size costs a buffer, not a copy of itself; `render` is for callers that want text.
public protocol Reporter: Sendable {
    func write(_ input: ReportInput, to stream: ReportStream)
}

extension Reporter {
    public func render(_ input: ReportInput) -> String {
        ReportStream.text { write(input, to: $0) }
    }
}

public enum ReportFormat: String, Sendable, CaseIterable {
    case text
    case json
    case sarif
    case markdown
    case junit
    case gitlab

    /// `compact`: JSON without whitespace, and text as one `file:line:column:` line per
    /// finding, the form editors and log parsers read.
    public func reporter(colour: Bool, compact: Bool = false) -> any Reporter {
        switch self {
        case .text: TextReporter(colour: colour, compact: compact)
        case .json: JSONReporter(pretty: !compact)
        case .sarif: SARIFReporter(pretty: !compact)
        case .markdown: MarkdownReporter()
        case .junit: JUnitReporter()
        case .gitlab: GitLabCodeQualityReporter(pretty: !compact)
        }
    }
}
