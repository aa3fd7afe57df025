import IdlintEngine

/// The audit-prep report as Markdown, for a pull request or a wiki: a summary, the top
/// failing controls, then every control of every catalog with its status and evidence.
public struct FrameworkMarkdownReporter: FrameworkReporter {
    public init() {}

    public func write(_ input: FrameworkReportInput, to stream: ReportStream) {
        stream.write(text(input))
    }

    private func text(_ input: FrameworkReportInput) -> String {
        let assessment = input.assessment
        var output = "# idlint framework report\n\n"
        output += "Dated \(input.date); idlint \(input.toolVersion); \(assessment.filesScanned) file(s) scanned from "
            + input.inputs.map(MarkdownText.code).joined(separator: ", ") + "; \(assessment.rulesRun) of \(input.library.rules.count) rules met input they apply to.\n\n"
        output += FrameworkReportInput.coverageNote(assessment).map { MarkdownText.escape($0) + "\n\n" } ?? ""
        if !assessment.unreadInputs.isEmpty {
            output += "**Incomplete: \(assessment.unreadInputs.count) input(s) could not be read**, so no control is reported as passing:\n\n"
            for diagnostic in assessment.unreadInputs.prefix(20) {
                output += "- \(MarkdownText.code(diagnostic.place)): \(MarkdownText.escape(diagnostic.message))\n"
            }
            if assessment.unreadInputs.count > 20 { output += "- ... and \(assessment.unreadInputs.count - 20) more\n" }
            output += "\n"
        }
        output += "| Framework | Version | Failing | Passing | Not assessed | Out of scope |\n|---|---|---:|---:|---:|---:|\n"
        for result in assessment.catalogs {
            output += "| \(MarkdownText.escape(result.catalog.title)) (`\(result.catalog.id)`) | \(MarkdownText.escape(result.catalog.version)) | "
                + "\(result.count(.failing)) | \(result.count(.passing)) | \(result.count(.notAssessed)) | \(result.count(.outOfScope)) |\n"
        }
        let top = input.topFailing(10)
        if !top.isEmpty {
            output += "\n## Top failing controls\n\n| Control | Title | Critical | High | Medium | Low | Info |\n|---|---|---:|---:|---:|---:|---:|\n"
            for control in top {
                output += "| `\(control.qualifiedID)` | \(MarkdownText.escape(control.control.title)) | "
                    + Severity.allCases.reversed().map { String(control.count(of: $0)) }.joined(separator: " | ") + " |\n"
            }
        }
        for result in assessment.catalogs {
            let catalog = result.catalog
            output += "\n## \(MarkdownText.escape(catalog.title)) \(MarkdownText.escape(catalog.version))\n\n"
            output += "Source: \(MarkdownText.escape(catalog.source)) (confidence: \(MarkdownText.escape(catalog.confidence))).\n\n"
            output += "| Control | Title | Status | Findings | Why |\n|---|---|---|---:|---|\n"
            for control in result.controls {
                let related = control.related.isEmpty ? "" : "; OWASP cross-map: " + control.related.joined(separator: ", ")
                output += "| `\(control.control.id)` | \(MarkdownText.escape(control.control.title)) | \(control.status.rawValue) | \(control.findings.count) | \(MarkdownText.escape(control.reason + related)) |\n"
            }
            let failing = result.controls.filter { $0.status == .failing }
            guard !failing.isEmpty else { continue }
            output += "\n### Evidence\n"
            for control in failing {
                output += "\n**\(control.control.id)**: \(MarkdownText.escape(control.control.title))\n\n"
                let failingRules = Set(control.findings.map(\.ruleID))
                for (rule, why) in control.rationales where failingRules.contains(rule) {
                    output += "- why \(MarkdownText.code(rule)) evidences it: \(MarkdownText.escape(why))\n"
                }
                for finding in control.findings.prefix(20) {
                    output += "- \(finding.severity.rawValue) \(MarkdownText.code(finding.ruleID)) at \(MarkdownText.code("\(input.path(finding.location)):\(finding.location.line)")): \(MarkdownText.escape(finding.message))\n"
                }
                if control.findings.count > 20 { output += "- ... and \(control.findings.count - 20) more (the JSON report lists them all)\n" }
            }
        }
        return output
    }
}
