import IdlintEngine

/// Everything a report needs: the scan's result and the rules and catalogs behind it.
public struct ReportInput: Sendable {
    public var result: ScanResult
    public var library: RuleLibrary
    public var toolVersion: String
    /// Absolute folder that relative paths in the report are relative to (SARIF's %SRCROOT%).
    public var sourceRoot: String

    public init(result: ScanResult, library: RuleLibrary, toolVersion: String = IdlintVersion.current, sourceRoot: String) {
        self.result = result
        self.library = library
        self.toolVersion = toolVersion
        self.sourceRoot = sourceRoot
    }

    func rule(_ id: String) -> Rule? { library.rule(id: id) }

    /// A path as CI systems want it: relative to the source root where it lies below it.
    func relative(_ path: String) -> String {
        relativePath(path, to: sourceRoot) ?? path
    }
}

/// One output format.
public protocol Reporter: Sendable {
    func render(_ input: ReportInput) -> String
}

public enum ReportFormat: String, Sendable, CaseIterable {
    case text
    case json
    case sarif
    case markdown
    case junit
    case gitlab

    public func reporter(colour: Bool) -> any Reporter {
        switch self {
        case .text: TextReporter(colour: colour)
        case .json: JSONReporter()
        case .sarif: SARIFReporter()
        case .markdown: MarkdownReporter()
        case .junit: JUnitReporter()
        case .gitlab: GitLabCodeQualityReporter()
        }
    }
}
