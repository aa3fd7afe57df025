import IdlintEngine

/// The change gate for a terminal: verdict and reasons first, then what the change adds.
struct DiffTextReporter: DiffReporter {
    let style: TerminalStyle

    init(colour: Bool) {
        style = TerminalStyle(colour: colour)
    }

    func write(_ input: DiffReportInput, to stream: ReportStream) {
        stream.write(text(input))
    }

    private func text(_ input: DiffReportInput) -> String {
        let comparison = input.comparison
        let verdictColour = switch comparison.verdict {
        case .pass: "32;1"
        case .review: "33;1"
        case .block: "31;1"
        }
        var output = paint("Gate: \(comparison.verdict.rawValue.uppercased())", verdictColour)
        output += " (actor: \(comparison.actor.rawValue); \(input.count(.new)) new, \(input.count(.updated)) updated, \(input.count(.unchanged)) unchanged, \(input.count(.absent)) fixed)\n"
        for reason in comparison.reasons { output += "  - \(TerminalStyle.plain(reason))\n" }

        let added = comparison.findings.filter { $0.baselineState == .new || $0.baselineState == .updated }
        if !added.isEmpty {
            output += "\nNew and updated findings:\n"
            for group in RepeatedFinding.grouping(added.sorted()) {
                let finding = group.first
                output += "  \(TerminalStyle.plain(finding.location.file)):\(finding.location.line):\(finding.location.column)  \(finding.severity.rawValue)  \(finding.ruleID)\(finding.environment.map { " [\(TerminalStyle.plain($0))]" } ?? "")  \(TerminalStyle.plain(finding.message))\n"
                if group.repeatCount > 0 {
                    output += "    = the same in \(group.repeatCount) more place\(group.repeatCount == 1 ? "" : "s"): \(TerminalStyle.plain(group.repeatedPlaces().joined(separator: ", ")))\n"
                }
            }
        }
        let fixed = comparison.findings.filter { $0.baselineState == .absent }
        if !fixed.isEmpty {
            output += "\nFixed by the change:\n"
            for finding in fixed {
                output += "  \(finding.ruleID)\(finding.environment.map { " [\(TerminalStyle.plain($0))]" } ?? "")  \(TerminalStyle.plain(finding.message))\n"
            }
        }
        if !comparison.privilegeDelta.isEmpty {
            output += "\nPrivilege delta:\n"
            for delta in comparison.privilegeDelta {
                output += "  \(TerminalStyle.plain(delta.principal.description))\(delta.isNew ? " (new)" : "")\(delta.isAgent ? " [agent]" : "")\n"
                for privilege in delta.gained { output += "    + \(TerminalStyle.plain(privilege.description))\n" }
                for privilege in delta.lost { output += "    - \(TerminalStyle.plain(privilege.description))\n" }
            }
        }
        if !comparison.credentialDelta.isEmpty {
            output += "\nCredentials:\n"
            for change in comparison.credentialDelta { output += "  \(change.change.rawValue): \(TerminalStyle.plain(change.description))\n" }
        }
        let surfaces = comparison.surfacesTouched(input.library)
        if !surfaces.isEmpty {
            output += "\nSensitive surfaces touched:\n"
            for (surface, changes) in surfaces {
                output += "  \(surface.title)\n"
                for change in changes {
                    output += "    \(change.change.rawValue) \(TerminalStyle.plain(change.object + change.path)) (\(TerminalStyle.plain(change.location.file)):\(change.location.line))\n"
                }
            }
        }
        return output
    }

    private func paint(_ text: String, _ code: String) -> String {
        style.paint(text, code)
    }
}
