import IdlintEngine

/// JUnit XML, which every CI system shows as a test report: one test suite per rule that
/// found something, one test case per rule and file, failing with every active finding
/// of that rule in that file (the worst severity as its type), and an `idlint-input`
/// suite whose cases are errors for inputs that could not be read. A case whose findings
/// are all suppressed is skipped, with the justification.
public struct JUnitReporter: Reporter {
    public init() {}

    public func write(_ input: ReportInput, to stream: ReportStream) {
        stream.write(text(input))
    }

    private func text(_ input: ReportInput) -> String {
        let result = input.result
        var byRule: [String: [String: [Finding]]] = [:]
        for finding in result.findings {
            byRule[finding.ruleID, default: [:]][input.relative(finding.location.file), default: []].append(finding)
        }
        let errors = result.diagnostics.filter { $0.level == .error }
        var suites = ""
        var totals = (tests: 0, failures: 0, skipped: 0)
        for ruleID in byRule.keys.sorted() {
            let files = byRule[ruleID]!
            var cases = ""
            var counts = (tests: 0, failures: 0, skipped: 0)
            for file in files.keys.sorted() {
                let findings = files[file]!.sorted()
                let active = findings.filter { $0.suppression == nil }
                counts.tests += 1
                cases += "    <testcase classname=\"\(Self.escape(ruleID))\" name=\"\(Self.escape(file))\" file=\"\(Self.escape(file))\">\n"
                if active.isEmpty {
                    counts.skipped += 1
                    let reason = findings.first?.suppression?.justification ?? "accepted"
                    cases += "      <skipped message=\"\(Self.escape(reason))\"/>\n"
                } else {
                    counts.failures += 1
                    let worst = active.map(\.severity).max() ?? .info
                    let body = active.map { "\(file):\($0.location.line):\($0.location.column) \($0.severity.rawValue) \($0.message)" }.joined(separator: "\n")
                    cases += "      <failure type=\"\(worst.rawValue)\" message=\"\(Self.escape("\(active.count) finding(s) of \(ruleID)"))\">\(Self.escape(body))</failure>\n"
                }
                cases += "    </testcase>\n"
            }
            let title = input.rule(ruleID)?.title ?? ruleID
            suites += "  <testsuite name=\"\(Self.escape(ruleID)): \(Self.escape(title))\" tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" errors=\"0\" skipped=\"\(counts.skipped)\">\n"
                + cases + "  </testsuite>\n"
            totals.tests += counts.tests
            totals.failures += counts.failures
            totals.skipped += counts.skipped
        }
        if !errors.isEmpty {
            var cases = ""
            for diagnostic in errors {
                cases += "    <testcase classname=\"idlint-input\" name=\"\(Self.escape(input.relative(diagnostic.file)))\">\n"
                    + "      <error type=\"unreadable\" message=\"\(Self.escape(diagnostic.message))\">\(Self.escape(diagnostic.place))</error>\n    </testcase>\n"
            }
            suites += "  <testsuite name=\"idlint-input: inputs that could not be read\" tests=\"\(errors.count)\" failures=\"0\" errors=\"\(errors.count)\" skipped=\"0\">\n"
                + cases + "  </testsuite>\n"
            totals.tests += errors.count
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"idlint \(Self.escape(input.toolVersion))\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"\(errors.count)\" skipped=\"\(totals.skipped)\">\n"
            + suites + "</testsuites>\n"
    }

    private static func escape(_ text: String) -> String { MarkupText.escape(text) }
}
