import Foundation
import IdlintEngine
import IdlintSyntax

/// Terminal text, grouped by file. Colour only when asked (the CLI asks when stdout
/// is a terminal and NO_COLOR is unset).
public struct TextReporter: Reporter {
    let style: TerminalStyle

    public init(colour: Bool) {
        style = TerminalStyle(colour: colour)
    }

    public func write(_ input: ReportInput, to stream: ReportStream) {
        let result = input.result
        let byFile = Dictionary(grouping: result.activeFindings, by: \.location.file)
        let diagnosticsByFile = Dictionary(grouping: result.diagnostics, by: \.file)
        for file in Set(byFile.keys).union(diagnosticsByFile.keys).sorted() {
            stream.write(paint(TerminalStyle.plain(file), "1") + "\n")
            for diagnostic in diagnosticsByFile[file] ?? [] {
                let place = diagnostic.position.map { "\($0.line):\($0.column)" } ?? "-"
                let level = diagnostic.level == .error ? paint("error", "31;1") : paint(diagnostic.level.rawValue, "2")
                stream.write("  \(pad(place, 7)) \(level)  \(TerminalStyle.plain(diagnostic.message))\n")
            }
            for finding in byFile[file] ?? [] {
                let place = "\(finding.location.span.start.line):\(finding.location.span.start.column)"
                let environment = finding.environment.map { " [\(TerminalStyle.plain($0))]" } ?? ""
                stream.write("  \(pad(place, 7)) \(severityLabel(finding.severity))  \(paint(finding.ruleID, "36"))\(environment)  \(TerminalStyle.plain(finding.message))\n")
                for related in finding.relatedLocations {
                    let place = "\(TerminalStyle.plain(related.location.file)):\(related.location.span.start.line):\(related.location.span.start.column)"
                    stream.write("  \(pad("", 7)) \(paint("↳ " + place, "2")) \(TerminalStyle.plain(related.message))\n")
                }
            }
            stream.write("\n")
        }
        stream.write(summary(result))
    }

    private func summary(_ result: ScanResult) -> String {
        let counts = Severity.allCases.reversed().compactMap { severity -> String? in
            let count = result.count(of: severity)
            return count > 0 ? "\(count) \(severity.rawValue)" : nil
        }
        let errors = result.diagnostics.count { $0.level == .error }
        let statistics = result.statistics
        let active = result.activeCount
        var line = active == 0 ? "No findings" : "\(active) finding\(active == 1 ? "" : "s") (\(counts.joined(separator: ", ")))"
        if result.suppressedCount > 0 { line += ", \(result.suppressedCount) suppressed" }
        line += " in \(statistics.filesScanned) file\(statistics.filesScanned == 1 ? "" : "s"), \(statistics.documents) document\(statistics.documents == 1 ? "" : "s")"
        if !statistics.filesNotRecognised.isEmpty {
            line += "; \(statistics.filesNotRecognised.count) held no identity configuration idlint reads"
        }
        if errors > 0 { line += "; \(errors) input error\(errors == 1 ? "" : "s")" }
        line += String(format: " (%.2f s)", statistics.seconds)
        return line + "\n"
    }

    private func severityLabel(_ severity: Severity) -> String {
        let text = pad(severity.rawValue, 8)
        switch severity {
        case .critical: return paint(text, "35;1")
        case .high: return paint(text, "31")
        case .medium: return paint(text, "33")
        case .low, .info: return paint(text, "2")
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        style.paint(text, code)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
