import Foundation
import Testing
@testable import IdlintEngine
@testable import IdlintReporting
import IdlintSyntax

@Suite("Report formats")
struct ReportFormatTests {
    @Test("no planted secret appears whole in any format", arguments: ReportFormat.allCases)
    func secretsRedacted(format: ReportFormat) {
        let output = render(format)
        for secret in plantedSecrets {
            #expect(!output.contains(secret), "\(format) leaks \(secret)")
        }
        #expect(output.contains("redacted") || format == .markdown || format == .text)
    }

    @Test("JSON has the documented, stable shape")
    func jsonShape() throws {
        let json = try JSONSerialization.jsonObject(with: Data(render(.json).utf8)) as! [String: Any]
        #expect(json["schema"] as? String == "idlint-report/1")
        let summary = json["summary"] as! [String: Any]
        #expect(summary["files"] as? Int == 4)
        #expect(summary["suppressed"] as? Int == 1)
        #expect(summary["errors"] as? Int == 1)
        let findings = json["findings"] as! [[String: Any]]
        let first = try #require(findings.first)
        for key in ["ruleId", "title", "severity", "message", "location", "controls", "remediation", "fingerprint"] {
            #expect(first[key] != nil, "finding lacks \(key)")
        }
        let location = first["location"] as! [String: Any]
        #expect(Set(location.keys) == ["file", "startLine", "startColumn", "endLine", "endColumn"])
        let diagnostics = json["diagnostics"] as! [[String: Any]]
        #expect(diagnostics.first?["line"] as? Int == 1)
    }

    @Test("text groups by file, names the rule and position, and has no colour when asked not to")
    func text() {
        let output = render(.text)
        #expect(output.contains("rbac/binding.yaml\n"))
        #expect(output.contains("6:34"))
        #expect(output.contains("K8S-ADMIN-BINDING"))
        #expect(!output.contains("\u{1B}["))
        #expect(output.contains("1 input error"))
        let coloured = ReportFormat.text.reporter(colour: true).render(ReportInput(result: sampleResult(), library: library, sourceRoot: "/"))
        #expect(coloured.contains("\u{1B}["))
    }

    @Test("Markdown summarises by severity, groups by principal and names controls")
    func markdown() {
        let output = render(.markdown)
        #expect(output.contains("| critical | 1 |"))
        #expect(output.contains("### Principal: ServiceAccount ci/coding-agent"))
        #expect(output.contains("### Inputs that could not be read (1)"))
        #expect(output.contains("- OWASP-NHI-2025:NHI5: Overprivileged NHI"))
    }

    @Test("names and messages from scanned files cannot inject terminal escapes or Markdown")
    func injection() {
        let hostile = "evil\u{1B}[2J<img src=x onerror=alert(1)>[click](https://attacker.example)|"
        let finding = Finding(ruleID: "K8S-SECRETS-READ", severity: .high, message: "role \(hostile)",
                              location: SourceLocation(file: "dir/\(hostile).yaml", span: SourceSpan(at: SourcePosition(line: 1, column: 1))),
                              documentKind: "k8s.Role", logicalPath: "x", principal: "User \(hostile)")
        let result = ScanResult(findings: [finding], diagnostics: [], statistics: ScanStatistics(), rules: library.rules)
        let input = ReportInput(result: result, library: library, sourceRoot: "/")
        let text = ReportFormat.text.reporter(colour: false).render(input)
        #expect(!text.contains("\u{1B}"))
        let markdown = ReportFormat.markdown.reporter(colour: false).render(input)
        #expect(!markdown.contains("\u{1B}"))
        // Inside code spans Markdown renders nothing; outside them nothing may be live.
        let outsideCode = markdown.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined()
        #expect(!outsideCode.contains("<img"))
        #expect(!outsideCode.contains("[click](https"))
        #expect(outsideCode.contains("&lt;img"))
    }

    @Test("every C0, DEL and C1 control is shown, wherever it sits in the text, and nothing else is touched")
    func controlsShown() {
        let clean = "a long line of plain text, no-break\u{00A0}space, é and Â, 😀 and tabs' absence"
        #expect(TerminalStyle.plain(clean) == clean)
        for (control, shown) in [("\u{1B}", "\\u{1b}"), ("\u{07}", "\\u{7}"), ("\u{7F}", "\\u{7f}"), ("\u{9B}", "\\u{9b}"), ("\u{85}", "\\u{85}")] {
            for offset in [0, 7, 8, 15, 23] {
                let text = String(repeating: "x", count: offset) + control + "[2J tail"
                #expect(TerminalStyle.plain(text) == String(repeating: "x", count: offset) + shown + "[2J tail", "\(shown) at \(offset)")
            }
        }
    }

    @Test("JSON string escaping round-trips through a real JSON parser")
    func escaping() throws {
        let value = JSONValue.object([("k", .string("quote \" backslash \\ newline \n tab \t control \u{01} unicode é 😀"))])
        let parsed = try JSONSerialization.jsonObject(with: Data(value.serialized().utf8)) as! [String: String]
        #expect(parsed["k"] == "quote \" backslash \\ newline \n tab \t control \u{01} unicode é 😀")
    }
}

@Suite("Pull-request comments")
struct CommentLimitTests {
    @Test("a report meant as a comment stays under GitHub's limit and says what it left out")
    func fitsAComment() {
        let long = (0..<5000).map { "| high | `K8S-SECRETS-READ` | `rbac.yaml:\($0):3` | ServiceAccount app/web → reads secrets |" }.joined(separator: "\n")
        let fitted = MarkdownText.fittingAComment(long)
        #expect(fitted.count <= MarkdownText.commentLimit)
        #expect(fitted.contains("Cut here") && fitted.contains("more line(s) are left out"))
        #expect(MarkdownText.fittingAComment("short") == "short")
    }
}
