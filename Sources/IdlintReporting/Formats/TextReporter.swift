import FoundationEssentials
import IdlintEngine
import IdlintSyntax

/// Terminal text, grouped by file, each repeated finding shown once with its other
/// places (see `RepeatedFinding`). Colour only when asked (the CLI asks when stdout
/// is a terminal and NO_COLOR is unset).
public struct TextReporter: Reporter {
    let style: TerminalStyle
    let compact: Bool

    public init(colour: Bool, compact: Bool = false) {
        style = TerminalStyle(colour: colour)
        self.compact = compact
    }

    public func write(_ input: ReportInput, to stream: ReportStream) {
        let result = input.result
        if compact { return writeCompact(result, to: stream) }
        let findings = result.findings
        let groups = RepeatedFinding.grouping(findings) { !$0.pointee.isSuppressed }
        let diagnosticsByFile = Dictionary(grouping: result.diagnostics, by: \.file)
        // Findings read in place and groups by position: a large scan has a hundred
        // thousand, and copying each was most of writing this report.
        var byFile: [String: [Int]] = [:]
        findings.withUnsafeBufferPointer { buffer in
            for index in groups.indices { byFile[buffer[groups[index].firstIndex].location.file, default: []].append(index) }
        }
        let files = Set(byFile.keys).union(diagnosticsByFile.keys).sorted()
        // Each file's section is rendered on whichever thread is free and written in file
        // order, a round of files at a time, so that only a round's text waits in memory.
        for roundStart in stride(from: 0, to: files.count, by: Self.filesPerRound) {
            let round = files[roundStart..<min(roundStart + Self.filesPerRound, files.count)]
            let sections = parallelMap(round.count, workers: input.workers) { [byFile] offset in
                let file = round[round.startIndex + offset]
                let section = ReportStream()
                findings.withUnsafeBufferPointer { buffer in
                    writeSection(file, groups: groups, indices: byFile[file] ?? [], diagnostics: diagnosticsByFile[file] ?? [], findings: buffer, to: section)
                }
                return section.bytes
            }
            for section in sections { section.withUnsafeBufferPointer { stream.write($0) } }
        }
        stream.write(summary(result, distinct: groups.count))
    }

    /// How many files' sections one round renders in parallel.
    static let filesPerRound = 256

    /// One file's heading, its input errors and its findings, then a blank line.
    private func writeSection(_ file: String, groups: [RepeatedFinding], indices: [Int], diagnostics: [Diagnostic], findings: UnsafeBufferPointer<Finding>,
                              to stream: ReportStream) {
        var environments = LastFileEnvironment()
        stream.write(paint(TerminalStyle.plain(file), "1") + "\n")
        for diagnostic in diagnostics {
            let place = diagnostic.position.map { "\($0.line):\($0.column)" } ?? "-"
            let level = diagnostic.level == .error ? paint("error", "31;1") : paint(diagnostic.level.rawValue, "2")
            stream.write("  \(pad(place, 7)) \(level)  \(TerminalStyle.plain(diagnostic.message))\n")
        }
        for index in indices {
            write(groups[index], first: findings.baseAddress! + groups[index].firstIndex, environments: &environments, to: stream)
        }
        stream.write("\n")
    }

    /// The most places listed under a repeated finding; the rest are counted, and the
    /// JSON and SARIF reports name every one.
    static let placesListed = 12

    private func write(_ group: RepeatedFinding, first finding: UnsafePointer<Finding>, environments: inout LastFileEnvironment, to stream: ReportStream) {
        let place = "\(finding.pointee.location.span.start.line):\(finding.pointee.location.span.start.column)"
        let environment = environments.of(finding.pointee.location).displayName.map { " [\(TerminalStyle.plain($0))]" } ?? ""
        stream.write("  \(pad(place, 7)) \(severityLabel(finding.pointee.severity))  \(paint(finding.pointee.ruleID, "36"))\(environment)  \(TerminalStyle.plain(finding.pointee.message))\n")
        for related in finding.pointee.relatedLocations {
            let place = "\(TerminalStyle.plain(related.location.file)):\(related.location.span.start.line):\(related.location.span.start.column)"
            stream.write("  \(pad("", 7)) \(paint("↳ " + place, "2")) \(TerminalStyle.plain(related.message))\n")
        }
        guard group.repeatCount > 0 else { return }
        let others = group.repeatCount
        stream.write("  \(pad("", 7)) \(paint("= the same in \(others) more place\(others == 1 ? "" : "s"):", "2"))\n")
        for place in group.repeatedPlaces(limit: Self.placesListed) {
            stream.write("  \(pad("", 7))   \(paint(TerminalStyle.plain(place), "2"))\n")
        }
        if others > Self.placesListed {
            stream.write("  \(pad("", 7))   \(paint("and \(others - Self.placesListed) more (the JSON and SARIF reports list every place)", "2"))\n")
        }
    }

    /// One line per input error and per finding, `file:line:column: severity RULE-ID
    /// message`, in file order, then the summary.
    private func writeCompact(_ result: ScanResult, to stream: ReportStream) {
        for diagnostic in result.diagnostics {
            let place = diagnostic.position.map { ":\($0.line):\($0.column)" } ?? ""
            stream.write("\(TerminalStyle.plain(diagnostic.file))\(place): \(paint(diagnostic.level.rawValue, diagnostic.level == .error ? "31;1" : "2")) \(TerminalStyle.plain(diagnostic.message))\n")
        }
        for finding in result.findings where finding.suppression == nil {
            let start = finding.location.span.start
            let environment = finding.environment.map { " [\(TerminalStyle.plain($0))]" } ?? ""
            stream.write("\(TerminalStyle.plain(finding.location.file)):\(start.line):\(start.column): \(severityLabel(finding.severity, padded: false)) \(paint(finding.ruleID, "36"))\(environment) \(TerminalStyle.plain(finding.message))\n")
        }
        stream.write(summary(result, distinct: nil))
    }

    /// `distinct` is the number of groups shown, when repeated findings were grouped.
    private func summary(_ result: ScanResult, distinct: Int?) -> String {
        let counts = Severity.allCases.reversed().compactMap { severity -> String? in
            let count = result.count(of: severity)
            return count > 0 ? "\(count) \(severity.rawValue)" : nil
        }
        let errors = result.diagnostics.count { $0.level == .error }
        let statistics = result.statistics
        let active = result.activeCount
        let repeats = distinct.map { $0 < active ? "; \($0) distinct" : "" } ?? ""
        var line = active == 0 ? "No findings" : "\(active) finding\(active == 1 ? "" : "s") (\(counts.joined(separator: ", "))\(repeats))"
        if result.suppressedCount > 0 { line += ", \(result.suppressedCount) suppressed" }
        line += " in \(statistics.filesScanned) file\(statistics.filesScanned == 1 ? "" : "s"), \(statistics.documents) document\(statistics.documents == 1 ? "" : "s")"
        if !statistics.filesNotRecognised.isEmpty {
            line += "; \(statistics.filesNotRecognised.count) held no identity configuration idlint reads"
        }
        if !statistics.pathsExcluded.isEmpty {
            line += "; \(statistics.pathsExcluded.count) path\(statistics.pathsExcluded.count == 1 ? "" : "s") excluded"
        }
        if errors > 0 { line += "; \(errors) input error\(errors == 1 ? "" : "s")" }
        line += " (\(statistics.seconds.written(places: 2)) s)"
        return line + "\n"
    }

    private func severityLabel(_ severity: Severity, padded: Bool = true) -> String {
        let text = padded ? pad(severity.rawValue, 8) : severity.rawValue
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
