import IdlintEngine

/// One row per control: catalog, control, title, status, finding counts by severity,
/// the rules behind it and why its status, for spreadsheets and GRC tools.
public struct FrameworkCSVReporter: FrameworkReporter {
    public init() {}

    public func write(_ input: FrameworkReportInput, to stream: ReportStream) {
        stream.write(text(input))
    }

    private func text(_ input: FrameworkReportInput) -> String {
        var rows = [["catalog", "control", "title", "status", "critical", "high", "medium", "low", "info", "rules", "reason"]]
        for result in input.assessment.catalogs {
            for control in result.controls {
                rows.append([result.catalog.id, control.control.id, control.control.title, control.status.rawValue]
                    + Severity.allCases.reversed().map { String(control.count(of: $0)) }
                    + [control.rules.joined(separator: " "), control.reason])
            }
        }
        return rows.map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180 quoting; a leading =, +, - or @ is defused so no spreadsheet runs it as a formula.
    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}
