import IdlintEngine

/// Everything a change-gate report needs.
public struct DiffReportInput: Sendable {
    public var comparison: ChangeComparison
    public var library: RuleLibrary
    public var toolVersion: String
    public var sourceRoot: String
    public var ruleDocsURL: String

    public init(comparison: ChangeComparison, library: RuleLibrary, toolVersion: String = IdlintVersion.current, sourceRoot: String,
                ruleDocsURL: String = IdlintVersion.ruleDocsURL) {
        self.ruleDocsURL = ruleDocsURL
        self.comparison = comparison
        self.library = library
        self.toolVersion = toolVersion
        self.sourceRoot = sourceRoot
    }

    /// The head's scan with the compared findings (fixed ones included), for formats
    /// that report findings the same way in both modes.
    var scanInput: ReportInput {
        var result = comparison.head
        result.findings = comparison.findings
        return ReportInput(result: result, library: library, toolVersion: toolVersion, sourceRoot: sourceRoot, ruleDocsURL: ruleDocsURL)
    }

    func count(_ state: BaselineState) -> Int {
        comparison.findings.count { $0.baselineState == state }
    }
}

/// One output format of `idlint diff`, written as it renders (see `Reporter`).
public protocol DiffReporter: Sendable {
    func write(_ input: DiffReportInput, to stream: ReportStream)
}

extension DiffReporter {
    public func render(_ input: DiffReportInput) -> String {
        ReportStream.text { write(input, to: $0) }
    }
}

extension ReportFormat {
    public func diffReporter(colour: Bool) -> any DiffReporter {
        switch self {
        case .text: DiffTextReporter(colour: colour)
        case .json: DiffJSONReporter()
        case .sarif: DiffSARIFReporter()
        case .markdown: DiffMarkdownReporter()
        case .junit, .gitlab: NewFindingsReporter(format: self)
        }
    }
}

/// JUnit and GitLab code quality in diff mode: the findings the change adds or widens,
/// and the head's unreadable inputs, so a CI test report shows what the change brings.
struct NewFindingsReporter: DiffReporter {
    var format: ReportFormat

    func write(_ input: DiffReportInput, to stream: ReportStream) {
        var scan = input.scanInput
        scan.result.findings = scan.result.findings.filter { $0.baselineState == .new || $0.baselineState == .updated }
        format.reporter(colour: false).write(scan, to: stream)
    }
}

/// SARIF is the same in both modes; in diff mode every result carries `baselineState`.
struct DiffSARIFReporter: DiffReporter {
    func write(_ input: DiffReportInput, to stream: ReportStream) {
        SARIFReporter().write(input.scanInput, to: stream)
    }
}
