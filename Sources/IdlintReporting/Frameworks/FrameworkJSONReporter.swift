import IdlintEngine

/// The framework report for tooling, schema `idlint-framework-report/1`.
public struct FrameworkJSONReporter: FrameworkReporter {
    public init() {}

    public func render(_ input: FrameworkReportInput) -> String {
        let findingWriter = JSONReporter()
        // The finding writer reads rule metadata from the library through a report input.
        let findingContext = ReportInput(result: ScanResult(findings: [], diagnostics: [], statistics: ScanStatistics(), rules: []),
                                         library: input.library, sourceRoot: input.sourceRoot)
        let assessment = input.assessment
        let report = JSONValue.object([
            ("schema", .string("idlint-framework-report/1")),
            ("tool", .object([("name", .string("idlint")), ("version", .string(input.toolVersion))])),
            ("date", .string(input.date)),
            ("inputs", .array(input.inputs.map(JSONValue.string))),
            ("filesScanned", .integer(assessment.filesScanned)),
            ("rulesRun", .integer(assessment.rulesRun)),
            ("unreadInputs", .array(assessment.unreadInputs.map(Self.unread))),
            ("frameworks", .array(assessment.catalogs.map { result in
                .object([
                    ("id", .string(result.catalog.id)), ("title", .string(result.catalog.title)), ("version", .string(result.catalog.version)),
                    ("source", .string(result.catalog.source)),
                    ("summary", .object(FrameworkAssessment.ControlResult.Status.allCases.map { ($0.rawValue, .integer(result.count($0))) })),
                    ("controls", .array(result.controls.map { control in
                        .object([
                            ("id", .string(control.control.id)), ("title", .string(control.control.title)),
                            ("status", .string(control.status.rawValue)), ("reason", .string(control.reason)),
                            ("rules", .array(control.rules.map(JSONValue.string))),
                            ("rationale", .object(control.rationales.map { ($0.rule, .string($0.why)) })),
                            ("related", .array(control.related.map(JSONValue.string))),
                            ("bySeverity", .object(Severity.allCases.reversed().map { ($0.rawValue, .integer(control.count(of: $0))) })),
                            ("findings", .array(control.findings.map {
                                findingWriter.finding(findingContext, $0)
                            })),
                        ])
                    })),
                ])
            })),
        ])
        return report.serialized() + "\n"
    }

    private static func unread(_ diagnostic: Diagnostic) -> JSONValue {
        let line: JSONValue = diagnostic.position.map { .integer(Int($0.line)) } ?? .null
        let column: JSONValue = diagnostic.position.map { .integer(Int($0.column)) } ?? .null
        return .object([("file", .string(diagnostic.file)), ("line", line), ("column", column), ("message", .string(diagnostic.message))])
    }
}
