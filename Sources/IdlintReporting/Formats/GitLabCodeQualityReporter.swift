import IdlintEngine

/// GitLab's code-quality report (a JSON array of issues, as GitLab's documentation
/// describes it), which merge requests show inline: each active finding with its
/// description, rule, fingerprint, severity (info, minor, major, critical, blocker) and
/// place. Inputs that could not be read are issues too, so the report never looks clean.
public struct GitLabCodeQualityReporter: Reporter {
    public init() {}

    public func render(_ input: ReportInput) -> String {
        var issues: [JSONValue] = input.result.activeFindings.map { finding in
            Self.issue(description: "\(finding.ruleID): \(finding.message)", check: finding.ruleID, fingerprint: finding.fingerprint,
                       severity: Self.severity(finding.severity), path: input.relative(finding.location.file), line: finding.location.line)
        }
        for diagnostic in input.result.diagnostics where diagnostic.level == .error {
            let path = input.relative(diagnostic.file)
            issues.append(Self.issue(description: "input could not be read: \(diagnostic.message)", check: "IDLINT-INPUT-ERROR",
                                     fingerprint: String(SHA256.hex(Array("IDLINT-INPUT-ERROR|\(path)|\(diagnostic.message)".utf8)).prefix(32)),
                                     severity: "blocker", path: path, line: diagnostic.position.map { Int($0.line) } ?? 1))
        }
        return JSONValue.array(issues).serialized() + "\n"
    }

    private static func issue(description: String, check: String, fingerprint: String, severity: String, path: String, line: Int) -> JSONValue {
        .object([
            ("description", .string(description)),
            ("check_name", .string(check)),
            ("fingerprint", .string(fingerprint)),
            ("severity", .string(severity)),
            ("location", .object([("path", .string(path)), ("lines", .object([("begin", .integer(line))]))])),
        ])
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
