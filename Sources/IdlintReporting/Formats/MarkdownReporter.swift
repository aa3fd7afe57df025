import FoundationEssentials
import IdlintEngine
import IdlintSyntax

/// Markdown for pull-request comments and audit preparation: a summary by severity,
/// findings grouped by the principal they give power to, and the controls they touch.
public struct MarkdownReporter: Reporter {
    public init() {}

    public func write(_ input: ReportInput, to stream: ReportStream) {
        stream.write(text(input))
    }

    private func text(_ input: ReportInput) -> String {
        MarkdownText.fittingAComment(renderWhole(input))
    }

    private func renderWhole(_ input: ReportInput) -> String {
        let result = input.result
        var output = "## idlint: identity configuration review\n\n"
        let statistics = result.statistics
        output += "Scanned \(statistics.filesScanned) file\(statistics.filesScanned == 1 ? "" : "s") (\(statistics.documents) documents) with \(result.rules.count) rules, idlint \(input.toolVersion)"
        output += statistics.filesNotRecognised.isEmpty ? ".\n\n" : "; \(statistics.filesNotRecognised.count) held no identity configuration idlint reads.\n\n"
        output += "| Severity | Findings |\n|---|---:|\n"
        for severity in Severity.allCases.reversed() {
            output += "| \(severity.rawValue) | \(result.count(of: severity)) |\n"
        }
        let errors = result.diagnostics.filter { $0.level == .error }
        if !errors.isEmpty {
            output += "\n### Inputs that could not be read (\(errors.count))\n\n"
            for error in errors {
                output += "- \(MarkdownText.code(Self.place(error.file, error.position))): \(MarkdownText.escape(error.message))\n"
            }
        }
        if result.suppressedCount > 0 {
            output += "\n\(result.suppressedCount) finding\(result.suppressedCount == 1 ? " is" : "s are") suppressed as accepted risks (see the SARIF or JSON report for their justifications).\n"
        }
        let active = result.activeFindings
        if active.isEmpty {
            return output + "\nNo findings.\n"
        }
        // Grouped once: by principal, then repeated findings within each.
        let grouped = Dictionary(grouping: active) { $0.principal ?? "" }.mapValues { RepeatedFinding.grouping($0) }
        let distinct = grouped.values.reduce(0) { $0 + $1.count }
        if distinct < active.count {
            output += "\n\(active.count) findings say \(distinct) distinct things; each is shown once, with the other places it is found.\n"
        }
        let principals = grouped.keys.filter { !$0.isEmpty }.sorted()
        for principal in principals {
            output += section(title: "Principal: \(principal)", groups: grouped[principal]!)
        }
        if let other = grouped[""] {
            output += section(title: "Other findings", groups: other)
        }
        let controls = Set(active.flatMap { input.rule($0.ruleID)?.controls ?? [] }).sorted()
        output += "\n### Controls touched\n\n"
        for control in controls {
            output += "- \(control)\(input.library.controlTitle(control).map { ": \($0)" } ?? "")\n"
        }
        return output
    }

    /// The most other places named in a repeated finding's cell; the rest are counted.
    static let placesListed = 5

    private func section(title: String, groups: [RepeatedFinding]) -> String {
        var output = "\n### \(MarkdownText.escape(title))\n\n| Severity | Rule | Location | Finding |\n|---|---|---|---|\n"
        for group in groups.sorted(by: { ($0.first.severity, $1.first.location) > ($1.first.severity, $0.first.location) }) {
            let finding = group.first
            output += "| \(finding.severity.rawValue) | \(MarkdownText.code(finding.ruleID)) | \(Self.locationCell(group)) | \(MarkdownText.escape(finding.message)) |\n"
        }
        return output
    }

    /// The first place, and the others of a repeated finding: an install bundle shipped
    /// in five variants is one row, not five.
    static func locationCell(_ group: RepeatedFinding) -> String {
        let first = MarkdownText.code(RepeatedFinding.place(of: group.first))
        guard group.repeatCount > 0 else { return first }
        let listed = group.repeatedPlaces(limit: Self.placesListed).map(MarkdownText.code)
        let unlisted = group.repeatCount - listed.count
        return "\(first) and \(group.repeatCount) more: " + listed.joined(separator: ", ") + (unlisted > 0 ? ", … (\(unlisted) more in the JSON and SARIF reports)" : "")
    }

    static func place(_ file: String, _ position: SourcePosition?) -> String {
        position.map { "\(file):\($0.line):\($0.column)" } ?? file
    }

}
