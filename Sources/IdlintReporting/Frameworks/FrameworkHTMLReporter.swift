import IdlintEngine

/// The audit-prep report as one self-contained HTML page: no scripts, no fonts or
/// images from the network, printable to PDF. A coverage matrix (every control of every
/// catalog, coloured by status) and a chart of findings by control and severity are
/// drawn as inline SVG; below them every control with its status and evidence.
public struct FrameworkHTMLReporter: FrameworkReporter {
    public init() {}

    static let statusColours: [FrameworkAssessment.ControlResult.Status: String] = [
        .failing: "#c62828", .passing: "#2e7d32", .notAssessed: "#9e9e9e", .outOfScope: "#cfd8dc",
    ]
    static let severityColours: [Severity: String] = [
        .critical: "#6a1b9a", .high: "#c62828", .medium: "#ef6c00", .low: "#f9a825", .info: "#1565c0",
    ]

    public func write(_ input: FrameworkReportInput, to stream: ReportStream) {
        stream.write(text(input))
    }

    private func text(_ input: FrameworkReportInput) -> String {
        let assessment = input.assessment
        var body = "<h1>idlint framework report</h1>\n"
        body += "<p class=\"meta\">Dated \(Self.escape(input.date)) · idlint \(Self.escape(input.toolVersion)) · \(assessment.filesScanned) file(s) from "
            + input.inputs.map { "<code>\(Self.escape($0))</code>" }.joined(separator: ", ")
            + " · \(assessment.rulesRun) of \(input.library.rules.count) rules met input they apply to</p>\n"
        if let coverage = FrameworkReportInput.coverageNote(assessment) { body += "<p class=\"meta\">\(Self.escape(coverage))</p>\n" }
        if !assessment.unreadInputs.isEmpty {
            body += "<p class=\"incomplete\"><strong>Incomplete: \(assessment.unreadInputs.count) input(s) could not be read</strong>, so no control is reported as passing.</p>\n<ul>\n"
            for diagnostic in assessment.unreadInputs.prefix(20) {
                body += "<li><code>\(Self.escape(diagnostic.place))</code>: \(Self.escape(diagnostic.message))</li>\n"
            }
            body += "</ul>\n"
        }
        body += summaryTable(assessment)
        body += "<h2>Coverage</h2>\n<p>Every control of every catalog, coloured by status.</p>\n" + coverageMatrix(assessment) + legend()
        let top = input.topFailing(15)
        if !top.isEmpty {
            body += "<h2>Findings by control and severity</h2>\n" + findingsChart(top)
        }
        for result in assessment.catalogs {
            body += catalogSection(result, input)
        }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>idlint framework report \(Self.escape(input.date))</title>
        <style>
        body { font: 14px/1.45 system-ui, sans-serif; color: #212121; margin: 2em auto; max-width: 1100px; padding: 0 1em; }
        h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { margin-top: 1.8em; border-bottom: 1px solid #ddd; } h3 { margin-top: 1.2em; }
        .meta { color: #555; }
        table { border-collapse: collapse; width: 100%; margin: .6em 0; }
        th, td { border: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }
        th { background: #f5f5f5; } td.n { text-align: right; }
        .status { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; font-size: .85em; white-space: nowrap; }
        .status.out-of-scope { color: #37474f; }
        code { font-size: .92em; } ul.evidence { margin: .2em 0 .8em 1.2em; padding: 0; }
        .legend span { display: inline-block; margin-right: 1.2em; } .legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; }
        @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table, svg { break-inside: avoid; } }
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    private func summaryTable(_ assessment: FrameworkAssessment) -> String {
        var html = "<table><tr><th>Framework</th><th>Version</th><th>Failing</th><th>Passing</th><th>Not assessed</th><th>Out of scope</th></tr>\n"
        for result in assessment.catalogs {
            html += "<tr><td>\(Self.escape(result.catalog.title)) (<code>\(Self.escape(result.catalog.id))</code>)</td><td>\(Self.escape(result.catalog.version))</td>"
                + FrameworkAssessment.ControlResult.Status.allCases.map { "<td class=\"n\">\(result.count($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</table>\n"
    }

    /// One row of squares per catalog, one square per control.
    private func coverageMatrix(_ assessment: FrameworkAssessment) -> String {
        let cell = 14, gap = 3, perLine = 48, labelWidth = 170
        var y = 0
        var shapes = ""
        for result in assessment.catalogs {
            let lines = max(1, (result.controls.count + perLine - 1) / perLine)
            shapes += "<text x=\"0\" y=\"\(y + cell - 3)\" font-size=\"12\">\(Self.escape(result.catalog.id))</text>\n"
            for (index, control) in result.controls.enumerated() {
                let x = labelWidth + (index % perLine) * (cell + gap)
                let rowY = y + (index / perLine) * (cell + gap)
                shapes += "<rect x=\"\(x)\" y=\"\(rowY)\" width=\"\(cell)\" height=\"\(cell)\" rx=\"2\" fill=\"\(Self.statusColours[control.status]!)\">"
                    + "<title>\(Self.escape(control.qualifiedID)): \(Self.escape(control.status.rawValue)) - \(Self.escape(control.control.title))</title></rect>\n"
            }
            y += lines * (cell + gap) + 8
        }
        let width = labelWidth + perLine * (cell + gap)
        return "<svg role=\"img\" aria-label=\"Coverage matrix\" width=\"\(width)\" height=\"\(y)\" viewBox=\"0 0 \(width) \(y)\" xmlns=\"http://www.w3.org/2000/svg\">\n\(shapes)</svg>\n"
    }

    private func legend() -> String {
        "<p class=\"legend\">" + FrameworkAssessment.ControlResult.Status.allCases.map {
            "<span><i style=\"background:\(Self.statusColours[$0]!)\"></i>\($0.rawValue)</span>"
        }.joined() + "</p>\n"
    }

    /// Horizontal bars, one per failing control, split by severity.
    private func findingsChart(_ controls: [FrameworkAssessment.ControlResult]) -> String {
        let labelWidth = 300, barWidth = 600, rowHeight = 20
        let most = max(1, controls.map(\.findings.count).max() ?? 1)
        var shapes = ""
        for (row, control) in controls.enumerated() {
            let y = row * rowHeight
            shapes += "<text x=\"0\" y=\"\(y + 14)\" font-size=\"12\">\(Self.escape(control.qualifiedID))</text>\n"
            var x = labelWidth
            for severity in Severity.allCases.reversed() {
                let count = control.count(of: severity)
                guard count > 0 else { continue }
                let width = max(2, count * barWidth / most)
                shapes += "<rect x=\"\(x)\" y=\"\(y + 3)\" width=\"\(width)\" height=\"\(rowHeight - 6)\" fill=\"\(Self.severityColours[severity]!)\">"
                    + "<title>\(count) \(severity.rawValue)</title></rect>\n"
                x += width
            }
            shapes += "<text x=\"\(x + 6)\" y=\"\(y + 14)\" font-size=\"12\">\(control.findings.count)</text>\n"
        }
        let height = controls.count * rowHeight
        let width = labelWidth + barWidth + 60
        let legend = "<p class=\"legend\">" + Severity.allCases.reversed().map {
            "<span><i style=\"background:\(Self.severityColours[$0]!)\"></i>\($0.rawValue)</span>"
        }.joined() + "</p>\n"
        return "<svg role=\"img\" aria-label=\"Findings by control and severity\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">\n\(shapes)</svg>\n" + legend
    }

    private func catalogSection(_ result: FrameworkAssessment.CatalogResult, _ input: FrameworkReportInput) -> String {
        let catalog = result.catalog
        var html = "<h2>\(Self.escape(catalog.title)) \(Self.escape(catalog.version))</h2>\n"
        html += "<p class=\"meta\">Source: \(Self.escape(catalog.source)) · confidence: \(Self.escape(catalog.confidence))</p>\n"
        html += "<table><tr><th>Control</th><th>Title</th><th>Status</th><th>Findings</th><th>Why</th></tr>\n"
        for control in result.controls {
            let cssClass = control.status.rawValue.replacing(" ", with: "-")
            html += "<tr id=\"\(Self.escape(control.qualifiedID))\"><td><code>\(Self.escape(control.control.id))</code></td><td>\(Self.escape(control.control.title))</td>"
                + "<td><span class=\"status \(cssClass)\" style=\"background:\(Self.statusColours[control.status]!)\">\(control.status.rawValue)</span></td>"
                + "<td class=\"n\">\(control.findings.count)</td><td>\(Self.escape(control.reason))"
                + (control.related.isEmpty ? "" : "<br><small>OWASP cross-map: \(Self.escape(control.related.joined(separator: ", ")))</small>") + "</td></tr>\n"
        }
        html += "</table>\n"
        for control in result.controls where control.status == .failing {
            html += "<h3><code>\(Self.escape(control.control.id))</code> \(Self.escape(control.control.title))</h3>\n"
            let failingRules = Set(control.findings.map(\.ruleID))
            let reasons = control.rationales.filter { failingRules.contains($0.rule) }
            if !reasons.isEmpty {
                html += "<p class=\"meta\">" + reasons.map { "<code>\(Self.escape($0.rule))</code>: \(Self.escape($0.why))" }.joined(separator: "<br>") + "</p>\n"
            }
            html += "<ul class=\"evidence\">\n"
            for finding in control.findings.prefix(25) {
                html += "<li>\(finding.severity.rawValue) <code>\(Self.escape(finding.ruleID))</code> at <code>\(Self.escape(input.path(finding.location))):\(finding.location.line)</code>: \(Self.escape(finding.message))</li>\n"
            }
            if control.findings.count > 25 { html += "<li>... and \(control.findings.count - 25) more (the JSON report lists them all)</li>\n" }
            html += "</ul>\n"
        }
        return html
    }

    /// Text from scanned files goes into the page: nothing in it may become markup.
    static func escape(_ text: String) -> String { MarkupText.escape(text) }
}
