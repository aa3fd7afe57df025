import FoundationEssentials
import IdlintEngine

/// A pull-request comment: the verdict first, then new findings, the privilege delta as
/// a table with the binding chains drawn in Mermaid, and the surfaces touched.
struct DiffMarkdownReporter: DiffReporter {
    func write(_ input: DiffReportInput, to stream: ReportStream) {
        stream.write(text(input))
    }

    private func text(_ input: DiffReportInput) -> String {
        MarkdownText.fittingAComment(renderWhole(input))
    }

    private func renderWhole(_ input: DiffReportInput) -> String {
        let comparison = input.comparison
        let icon = switch comparison.verdict {
        case .pass: "✅"
        case .review: "⚠️"
        case .block: "⛔"
        }
        var output = "## \(icon) idlint change gate: **\(comparison.verdict.rawValue)**\n\n"
        output += "Actor: \(comparison.actor.rawValue). Findings: \(input.count(.new)) new, \(input.count(.updated)) updated, \(input.count(.unchanged)) unchanged, \(input.count(.absent)) fixed.\n\n"
        for reason in comparison.reasons { output += "- \(MarkdownText.escape(reason))\n" }

        let added = comparison.findings.filter { $0.baselineState == .new || $0.baselineState == .updated }
        if !added.isEmpty {
            output += "\n### New findings\n\n| Severity | Rule | Location | Finding |\n|---|---|---|---|\n"
            for group in RepeatedFinding.grouping(added.sorted()).sorted(by: { $0.first.severity > $1.first.severity }) {
                let finding = group.first
                output += "| \(finding.severity.rawValue) | \(MarkdownText.code(finding.ruleID)) | \(MarkdownReporter.locationCell(group)) | \(MarkdownText.escape(finding.message)) |\n"
            }
        }
        // The delta comes riskiest first; a comment stays readable on a change that
        // touches a hundred principals: the first gains in a table, losses folded away.
        let gains = comparison.privilegeDelta.filter { !$0.gained.isEmpty }
        let lossesOnly = comparison.privilegeDelta.filter { $0.gained.isEmpty }
        if !gains.isEmpty {
            output += "\n### Privilege delta\n\n| Principal | Gained (riskiest first) | Lost |\n|---|---|---|\n"
            for delta in gains.prefix(Self.principalRows) {
                output += "| \(MarkdownText.escape(Self.name(delta))) | \(Self.list(delta.gained)) | \(Self.list(delta.lost)) |\n"
            }
            if gains.count > Self.principalRows {
                output += "\n\(gains.count - Self.principalRows) more principal(s) gain privileges; the JSON report lists them all.\n"
            }
            let chains = gains.flatMap { delta in delta.grantedThrough.map { (delta.principal, $0) } }
            if !chains.isEmpty {
                output += "\n```mermaid\ngraph LR\n"
                for (index, (principal, chain)) in chains.prefix(20).enumerated() {
                    let parts = chain.components(separatedBy: " → ")
                    output += "  p\(index)[\"\(MarkdownText.mermaidLabel(principal.description))\"]"
                    for (step, part) in parts.enumerated() {
                        output += " --> n\(index)_\(step)[\"\(MarkdownText.mermaidLabel(part))\"]"
                    }
                    output += "\n"
                }
                output += "```\n"
            }
        }
        if !lossesOnly.isEmpty {
            output += "\n<details><summary>\(lossesOnly.count) principal(s) only lose privileges</summary>\n\n"
            for delta in lossesOnly.prefix(50) {
                output += "- \(MarkdownText.escape(Self.name(delta))): \(delta.lost.count) privilege(s), such as \(MarkdownText.escape(delta.lost[0].description))\n"
            }
            if lossesOnly.count > 50 { output += "- and \(lossesOnly.count - 50) more\n" }
            output += "\n</details>\n"
        }
        if !comparison.credentialDelta.isEmpty {
            output += "\n### Credentials\n\n"
            for change in comparison.credentialDelta.prefix(30) { output += "- **\(change.change.rawValue)**: \(MarkdownText.escape(change.description))\n" }
            if comparison.credentialDelta.count > 30 { output += "- and \(comparison.credentialDelta.count - 30) more (the JSON report lists them all)\n" }
        }
        let surfaces = comparison.surfacesTouched(input.library)
        if !surfaces.isEmpty {
            output += "\n### Sensitive surfaces touched\n\n"
            for (surface, changes) in surfaces {
                output += "- **\(MarkdownText.escape(surface.title))**: " + changes.prefix(10).map { "\(MarkdownText.code($0.object + $0.path)) (\($0.change.rawValue))" }.joined(separator: ", ")
                output += changes.count > 10 ? ", and \(changes.count - 10) more\n" : "\n"
            }
        }
        return output
    }

    static let principalRows = 25

    private static func name(_ delta: PrincipalDelta) -> String {
        "\(delta.principal)\(delta.isNew ? " (new)" : "")\(delta.isAgent ? " — agent" : "")"
    }

    private static func list(_ privileges: [Privilege]) -> String {
        guard !privileges.isEmpty else { return "" }
        let shown = privileges.prefix(8).map { MarkdownText.escape($0.description) }.joined(separator: "<br>")
        return shown + (privileges.count > 8 ? "<br>and \(privileges.count - 8) more" : "")
    }

}
