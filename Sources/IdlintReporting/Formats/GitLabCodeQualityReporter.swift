import IdlintEngine

/// GitLab's code-quality report (a JSON array of issues, as GitLab's documentation
/// describes it), which merge requests show inline: each active finding with its
/// description, rule, fingerprint, severity (info, minor, major, critical, blocker) and
/// place. Inputs that could not be read are issues too, so the report never looks clean.
public struct GitLabCodeQualityReporter: Reporter {
    /// Indented for people, or without whitespace (`--compact`) for machines and big logs.
    let pretty: Bool

    public init(pretty: Bool = true) {
        self.pretty = pretty
    }

    public func write(_ input: ReportInput, to stream: ReportStream) {
        var json = JSONWriter(stream, pretty: pretty)
        json.beginArray()
        for finding in input.result.findings where finding.suppression == nil {
            Self.writeIssue(description: "\(finding.ruleID): \(finding.message)", check: finding.ruleID, fingerprint: finding.fingerprint,
                            severity: Self.severity(finding.severity), path: input.relative(finding.location.file), line: finding.location.line, to: &json)
        }
        for diagnostic in input.result.diagnostics where diagnostic.level == .error {
            let path = input.relative(diagnostic.file)
            Self.writeIssue(description: "input could not be read: \(diagnostic.message)", check: "IDLINT-INPUT-ERROR",
                            fingerprint: String(SHA256.hex(Array("IDLINT-INPUT-ERROR|\(path)|\(diagnostic.message)".utf8)).prefix(32)),
                            severity: "blocker", path: path, line: diagnostic.position.map { Int($0.line) } ?? 1, to: &json)
        }
        json.endArray()
        json.finish()
        stream.write("\n")
    }

    private static func writeIssue(description: String, check: String, fingerprint: String, severity: String, path: String, line: Int,
                                   to json: inout JSONWriter) {
        json.beginObject()
        json.member("description", description)
        json.member("check_name", check)
        json.member("fingerprint", fingerprint)
        json.member("severity", severity)
        json.member("location", .object([("path", .string(path)), ("lines", .object([("begin", .integer(line))]))]))
        json.endObject()
    }

    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .info: "info"
        case .low: "minor"
        case .medium: "major"
        case .high: "critical"
        case .critical: "blocker"
        }
    }
}
