import IdlintEngine

/// The framework report for tooling, schema `idlint-framework-report/1`.
public struct FrameworkJSONReporter: FrameworkReporter {
    public init() {}

    public func write(_ input: FrameworkReportInput, to stream: ReportStream) {
        // The finding writer reads rule metadata from the library through a report input.
        let findingContext = ReportInput(result: ScanResult(findings: [], diagnostics: [], statistics: ScanStatistics(), rules: []),
                                         library: input.library, sourceRoot: input.sourceRoot)
        let assessment = input.assessment
        var json = JSONWriter(stream)
        json.beginObject()
        json.member("schema", "idlint-framework-report/1")
        json.member("tool", JSONReporter.tool(input.toolVersion))
        json.member("date", input.date)
        json.member("inputs", strings: input.inputs)
        json.member("filesScanned", assessment.filesScanned)
        json.member("filesRecognised", assessment.filesRecognised)
        json.member("filesNotRecognised", .array(assessment.filesNotRecognised.map(JSONValue.string)))
        json.member("rulesRun", assessment.rulesRun)
        json.key("unreadInputs")
        json.beginArray()
        for diagnostic in assessment.unreadInputs { json.value(Self.unread(diagnostic)) }
        json.endArray()
        json.key("frameworks")
        json.beginArray()
        for result in assessment.catalogs {
            json.beginObject()
            json.member("id", result.catalog.id)
            json.member("title", result.catalog.title)
            json.member("version", result.catalog.version)
            json.member("source", result.catalog.source)
            json.member("summary", .object(FrameworkAssessment.ControlResult.Status.allCases.map { ($0.rawValue, .integer(result.count($0))) }))
            json.key("controls")
            json.beginArray()
            for control in result.controls {
                json.beginObject()
                json.member("id", control.control.id)
                json.member("title", control.control.title)
                json.member("status", control.status.rawValue)
                json.member("reason", control.reason)
                json.member("rules", strings: control.rules)
                json.member("rationale", .object(control.rationales.map { ($0.rule, .string($0.why)) }))
                json.member("related", strings: control.related)
                json.member("bySeverity", .object(Severity.allCases.reversed().map { ($0.rawValue, .integer(control.count(of: $0))) }))
                json.key("findings")
                json.beginArray()
                for finding in control.findings { JSONReporter.write(finding, findingContext, to: &json) }
                json.endArray()
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.finish()
        stream.write("\n")
    }

    private static func unread(_ diagnostic: Diagnostic) -> JSONValue {
        let line: JSONValue = diagnostic.position.map { .integer(Int($0.line)) } ?? .null
        let column: JSONValue = diagnostic.position.map { .integer(Int($0.column)) } ?? .null
        return .object([("file", .string(diagnostic.file)), ("line", line), ("column", column), ("message", .string(diagnostic.message))])
    }
}
