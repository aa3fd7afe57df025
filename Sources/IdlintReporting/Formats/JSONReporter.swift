import IdlintEngine
import IdlintSyntax

/// The JSON report: a stable, documented shape (`docs/json-format.md`), schema `idlint-report/1`.
public struct JSONReporter: Reporter {
    /// Indented for people, or without whitespace (`--compact`) for machines and big logs.
    let pretty: Bool

    public init(pretty: Bool = true) {
        self.pretty = pretty
    }

    public func write(_ input: ReportInput, to stream: ReportStream) {
        let result = input.result
        let statistics = result.statistics
        var json = JSONWriter(stream, pretty: pretty)
        json.beginObject()
        json.member("schema", "idlint-report/1")
        json.member("tool", Self.tool(input.toolVersion))
        json.member("summary", .object([
            ("files", .integer(statistics.filesScanned)),
            ("filesRecognised", .integer(statistics.filesRecognised)),
            ("filesNotRecognised", .array(statistics.filesNotRecognised.map(JSONValue.string))),
            ("pathsExcluded", .array(statistics.pathsExcluded.map(JSONValue.string))),
            ("bytes", .integer(statistics.bytesScanned)),
            ("documents", .integer(statistics.documents)),
            ("objects", .object(statistics.objectsByKind.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) })),
            ("findings", .integer(result.activeCount)),
            ("suppressed", .integer(result.suppressedCount)),
            ("bySeverity", .object(Severity.allCases.reversed().map { ($0.rawValue, .integer(result.count(of: $0))) })),
            ("errors", .integer(result.diagnostics.count { $0.level == .error })),
        ]))
        json.key("findings")
        json.beginArray()
        let findings = result.findings
        json.elements(count: findings.count, workers: input.workers) { range, json in
            for index in range { Self.write(findings[index], input, to: &json) }
        }
        json.endArray()
        json.key("diagnostics")
        json.beginArray()
        for diagnostic in result.diagnostics { json.value(Self.diagnostic(diagnostic)) }
        json.endArray()
        json.endObject()
        json.finish()
        stream.write("\n")
    }

    static func tool(_ version: String) -> JSONValue {
        .object([("name", .string("idlint")), ("version", .string(version))])
    }

    /// One finding as the JSON, diff and framework reports all show it.
    static func write(_ finding: Finding, _ input: ReportInput, to json: inout JSONWriter) {
        let rule = input.rule(finding.ruleID)
        json.beginObject()
        json.member("ruleId", finding.ruleID)
        json.member("baselineState", ifPresent: finding.baselineState?.rawValue)
        json.member("title", ifPresent: rule?.title)
        json.member("severity", finding.severity.rawValue)
        json.member("message", finding.message)
        json.key("location")
        write(finding.location, to: &json)
        if !finding.relatedLocations.isEmpty {
            json.key("related")
            json.beginArray()
            for related in finding.relatedLocations {
                json.beginObject()
                json.member("message", related.message)
                json.key("location")
                write(related.location, to: &json)
                json.endObject()
            }
            json.endArray()
        }
        json.member("principal", ifPresent: finding.principal)
        json.member("environment", ifPresent: finding.environment)
        json.member("evidence", ifPresent: finding.evidence)
        json.member("controls", strings: rule?.controls ?? [])
        json.member("remediation", ifPresent: rule?.remediation)
        json.member("fingerprint", finding.fingerprint)
        if let suppression = finding.suppression {
            json.key("suppression")
            json.beginObject()
            json.member("kind", suppression.kind.rawValue)
            json.member("justification", suppression.justification)
            json.member("owner", ifPresent: suppression.owner)
            json.member("expires", ifPresent: suppression.expires)
            json.endObject()
        }
        json.endObject()
    }

    static func write(_ location: SourceLocation, to json: inout JSONWriter) {
        let span = location.span
        json.beginObject()
        json.member("file", location.file)
        json.member("startLine", Int(span.start.line))
        json.member("startColumn", Int(span.start.column))
        json.member("endLine", Int(max(span.end.line, span.start.line)))
        json.member("endColumn", Int(span.end > span.start ? span.end.column : span.start.column))
        json.endObject()
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
