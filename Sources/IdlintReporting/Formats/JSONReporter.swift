import IdlintEngine
import IdlintSyntax

/// The JSON report: a stable, documented shape (`docs/json-format.md`), schema `idlint-report/1`.
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ input: ReportInput) -> String {
        let result = input.result
        let statistics = result.statistics
        let report = JSONValue.object([
            ("schema", .string("idlint-report/1")),
            ("tool", .object([("name", .string("idlint")), ("version", .string(input.toolVersion))])),
            ("summary", .object([
                ("files", .integer(statistics.filesScanned)),
                ("filesRecognised", .integer(statistics.filesRecognised)),
                ("filesNotRecognised", .array(statistics.filesNotRecognised.map(JSONValue.string))),
                ("bytes", .integer(statistics.bytesScanned)),
                ("documents", .integer(statistics.documents)),
                ("objects", .object(statistics.objectsByKind.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) })),
                ("findings", .integer(result.activeFindings.count)),
                ("suppressed", .integer(result.suppressedCount)),
                ("bySeverity", .object(Severity.allCases.reversed().map { ($0.rawValue, .integer(result.count(of: $0))) })),
                ("errors", .integer(result.diagnostics.count { $0.level == .error })),
            ])),
            ("findings", .array(result.findings.map { finding(input, $0) })),
            ("diagnostics", .array(result.diagnostics.map(Self.diagnostic))),
        ])
        return report.serialized() + "\n"
    }

    func finding(_ input: ReportInput, _ finding: Finding) -> JSONValue {
        let rule = input.rule(finding.ruleID)
        return .compactObject([
            ("ruleId", .string(finding.ruleID)),
            ("baselineState", finding.baselineState.map { .string($0.rawValue) }),
            ("title", rule.map { .string($0.title) }),
            ("severity", .string(finding.severity.rawValue)),
            ("message", .string(finding.message)),
            ("location", Self.location(finding.location)),
            ("related", finding.relatedLocations.isEmpty ? nil : .array(finding.relatedLocations.map {
                .object([("message", .string($0.message)), ("location", Self.location($0.location))])
            })),
            ("principal", finding.principal.map(JSONValue.string)),
            ("environment", finding.environment.map(JSONValue.string)),
            ("evidence", finding.evidence.map(JSONValue.string)),
            ("controls", .array((rule?.controls ?? []).map(JSONValue.string))),
            ("remediation", rule.map { .string($0.remediation) }),
            ("fingerprint", .string(finding.fingerprint)),
            ("suppression", finding.suppression.map { suppression in
                .compactObject([
                    ("kind", .string(suppression.kind.rawValue)),
                    ("justification", .string(suppression.justification)),
                    ("owner", suppression.owner.map(JSONValue.string)),
                    ("expires", suppression.expires.map(JSONValue.string)),
                ])
            }),
        ])
    }

    static func location(_ location: SourceLocation) -> JSONValue {
        .object([
            ("file", .string(location.file)),
            ("startLine", .integer(Int(location.span.start.line))),
            ("startColumn", .integer(Int(location.span.start.column))),
            ("endLine", .integer(Int(max(location.span.end.line, location.span.start.line)))),
            ("endColumn", .integer(Int(location.span.end > location.span.start ? location.span.end.column : location.span.start.column))),
        ])
    }

    static func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
        .compactObject([
            ("level", .string(diagnostic.level.rawValue)),
            ("file", .string(diagnostic.file)),
            ("line", diagnostic.position.map { .integer(Int($0.line)) }),
            ("column", diagnostic.position.map { .integer(Int($0.column)) }),
            ("message", .string(diagnostic.message)),
        ])
    }
}
