import FoundationEssentials
import IdlintEngine
import IdlintSyntax

/// What a framework report shows: the assessment, and how it was made.
public struct FrameworkReportInput: Sendable {
    public var assessment: FrameworkAssessment
    public var library: RuleLibrary
    public var toolVersion: String
    /// The paths that were scanned, as given.
    public var inputs: [String]
    /// The day the report is dated (the scan's clock).
    public var date: String
    public var sourceRoot: String

    public init(assessment: FrameworkAssessment, library: RuleLibrary, toolVersion: String = IdlintVersion.current, inputs: [String], date: String, sourceRoot: String) {
        self.assessment = assessment
        self.library = library
        self.toolVersion = toolVersion
        self.inputs = inputs
        self.date = date
        self.sourceRoot = sourceRoot
    }

    /// What was read, beside what passes: how many files held identity configuration, and
    /// which held none idlint reads (a control passes over what was read, not over them).
    static func coverageNote(_ assessment: FrameworkAssessment) -> String? {
        guard assessment.filesScanned > 0 else { return nil }
        var note = "Coverage: \(assessment.filesRecognised) of \(assessment.filesScanned) file(s) held identity configuration idlint reads"
        let unread = assessment.filesNotRecognised
        if !unread.isEmpty {
            note += "; the others were read and judged by no rule: " + unread.prefix(10).joined(separator: ", ") + (unread.count > 10 ? " and \(unread.count - 10) more" : "")
        }
        return note + ". A passing control says what its rules ran over."
    }

    /// Failing controls across catalogs, most findings (weighted by severity) first.
    func topFailing(_ count: Int) -> [FrameworkAssessment.ControlResult] {
        let failing = assessment.catalogs.flatMap(\.controls).filter { $0.status == .failing }
        return Array(failing.sorted { weight($0) > weight($1) || (weight($0) == weight($1) && $0.qualifiedID < $1.qualifiedID) }.prefix(count))
    }

    private func weight(_ control: FrameworkAssessment.ControlResult) -> Int {
        control.findings.reduce(0) { $0 + [1, 2, 5, 20, 100][min($1.severity.rank, 4)] }
    }

    /// The report's file path for a finding: relative to the source root where it can be.
    func path(_ location: SourceLocation) -> String {
        relativePath(location.file, to: sourceRoot) ?? location.file
    }
}

/// One format of the framework report, written as it renders (see `Reporter`).
public protocol FrameworkReporter: Sendable {
    func write(_ input: FrameworkReportInput, to stream: ReportStream)
}

extension FrameworkReporter {
    public func render(_ input: FrameworkReportInput) -> String {
        ReportStream.text { write(input, to: $0) }
    }
}

public enum FrameworkReportFormat: String, Sendable, CaseIterable {
    case markdown
    case html
    case json
    case csv

    public var reporter: any FrameworkReporter {
        switch self {
        case .markdown: FrameworkMarkdownReporter()
        case .html: FrameworkHTMLReporter()
        case .json: FrameworkJSONReporter()
        case .csv: FrameworkCSVReporter()
        }
    }
}
