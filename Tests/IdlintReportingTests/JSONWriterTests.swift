import Foundation
import Testing
@testable import IdlintEngine
@testable import IdlintReporting
import IdlintSyntax

@Suite("JSON writer")
struct JSONWriterTests {
    @Test("strings escape quotes, backslashes, control characters and the JavaScript line ends")
    func escaping() {
        let text = "a\"b\\c\nd\re\tf\u{01}g\u{1F}h\u{2028}i\u{2029}j é ✓"
        #expect(JSONValue.string(text).serialized() == #""a\"b\\c\nd\re\tf\u0001g\u001fh\u2028i\u2029j é ✓""#)
        // A lone E2 byte sequence that is not U+2028 or U+2029 is left alone.
        #expect(JSONValue.string("\u{2026}").serialized() == "\"\u{2026}\"")
    }

    @Test("each escaped character is found wherever it falls in the eight-byte steps, alone or with others")
    func escapingAtEveryOffset() throws {
        // Each character that must be escaped, at every offset of a clean text longer than
        // two steps, and after a lone E2 sequence; read back, the text is the same.
        let specials = ["\"", "\\", "\n", "\u{01}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "\u{2026}", "é"]
        for special in specials {
            for offset in 0...20 {
                let text = String(repeating: "a", count: offset) + special + String(repeating: "b", count: 20 - offset) + "\u{2026}" + special
                let written = JSONValue.string(text).serialized()
                #expect(try JSONSerialization.jsonObject(with: Data(written.utf8), options: .fragmentsAllowed) as? String == text)
                #expect(!written.utf8.contains { $0 < 0x20 } && !written.contains("\u{2028}") && !written.contains("\u{2029}"))
            }
        }
        #expect(JSONValue.string(String(repeating: "x", count: 64) + "\"").serialized() == "\"" + String(repeating: "x", count: 64) + #"\"""#)
    }

    @Test("the written text reads back as the same JSON")
    func roundTrip() throws {
        let value = JSONValue.object([
            ("name", .string("x\u{0}y")), ("count", .integer(-42)), ("large", .integer(Int.min)), ("ratio", .number(0.5)),
            ("flags", .array([.bool(true), .bool(false), .null])), ("empty", .object([])), ("none", .array([])),
            ("nested", .object([("deeper", .array([.object([("k", .string("v"))])]))])),
        ])
        for pretty in [true, false] {
            let parsed = try JSONSerialization.jsonObject(with: Data(value.serialized(pretty: pretty).utf8)) as? [String: Any]
            #expect(parsed?["name"] as? String == "x\u{0}y")
            #expect(parsed?["count"] as? Int == -42)
            #expect(parsed?["large"] as? Int == Int.min)
            #expect((parsed?["nested"] as? [String: Any])?["deeper"] as? [[String: String]] == [["k": "v"]])
        }
    }

    @Test("pretty output indents by two spaces and keeps empty containers on one line")
    func layout() {
        let value = JSONValue.object([("a", .array([.integer(1), .object([])])), ("b", .array([]))])
        #expect(value.serialized() == "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": []\n}")
        #expect(value.serialized(pretty: false) == #"{"a":[1,{}],"b":[]}"#)
    }

    @Test("a value larger than the writer's chunk reaches the stream whole and in order")
    func chunking() throws {
        let stream = ReportStream()
        var json = JSONWriter(stream, pretty: false)
        let long = String(repeating: "abcdefgh", count: 20_000)
        json.beginArray()
        for index in 0..<3_000 { json.integer(index) }
        json.string(long)
        json.string("end")
        json.endArray()
        json.finish()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(stream.text.utf8)) as? [Any])
        #expect(parsed.count == 3_002)
        #expect(parsed[2_999] as? Int == 2_999)
        #expect(parsed[3_000] as? String == long)
        #expect(parsed.last as? String == "end")
    }

    @Test("a stream to a descriptor that cannot take the bytes says why")
    func writeFailure() throws {
        let descriptor = open("/dev/full", O_WRONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let stream = ReportStream(descriptor: descriptor)
        stream.write(String(repeating: "x", count: 1 << 17))
        stream.flush()
        #expect(stream.failure != nil)
    }
}

@Suite("Reports written on several threads")
struct ParallelReportTests {
    /// Findings enough for several batches on every thread, the last batch short, in
    /// several files and environments, with and without related places and evidence.
    static func manyFindings() -> ScanResult {
        let count = 3 * JSONWriter.elementsPerBatch + 17
        let base = RelatedLocation(location: SourceLocation(file: "base/role.yaml", span: SourceSpan(at: SourcePosition(line: 2, column: 1))), message: "base")
        let findings = (0..<count).map { index -> Finding in
            let place = SourceLocation(file: "overlays/env\(index / 500)/role.yaml", span: SourceSpan(at: SourcePosition(line: Int32(index + 1), column: 3)))
            let severity: Severity = index % 2 == 0 ? .high : .medium
            let evidence: String? = index % 7 == 0 ? "value \(index)" : nil
            return Finding(ruleID: index % 3 == 0 ? "K8S-SECRETS-READ" : "K8S-WILDCARD-VERBS", severity: severity,
                           message: "finding \(index) says \"something\"\tquoted", location: place, relatedLocations: index % 5 == 0 ? [base] : [],
                           evidence: evidence, documentKind: "k8s.Role", logicalPath: "Role/r\(index)")
        }
        return ScanResult(findings: findings, diagnostics: [], statistics: ScanStatistics(), rules: library.rules)
    }

    @Test("SARIF and JSON, pretty and compact, are the same bytes whatever the number of threads")
    func sameBytes() throws {
        let result = Self.manyFindings()
        for format in [ReportFormat.sarif, .json] {
            for compact in [false, true] {
                let reporter = format.reporter(colour: false, compact: compact)
                let one = reporter.render(ReportInput(result: result, library: library, sourceRoot: "/work", jobs: 1))
                for jobs in [2, 3] {
                    #expect(reporter.render(ReportInput(result: result, library: library, sourceRoot: "/work", jobs: jobs)) == one, "\(format) compact \(compact) jobs \(jobs)")
                }
                let parsed = try JSONSerialization.jsonObject(with: Data(one.utf8)) as? [String: Any]
                let written = format == .sarif ? ((parsed?["runs"] as? [[String: Any]])?.first?["results"] as? [Any])?.count : (parsed?["findings"] as? [Any])?.count
                #expect(written == result.findings.count)
            }
        }
    }

    @Test("the terminal report is the same text whatever the number of threads, its files in order across rounds")
    func sameText() {
        // More files than two rounds hold; every file has one finding of its own and one
        // said in every file (a group whose places span rounds), and every tenth an error.
        let fileCount = 2 * TextReporter.filesPerRound + 5
        let files = (0..<fileCount).map { "team-\($0)/rbac.yaml" }
        var findings: [Finding] = []
        for (index, file) in files.enumerated() {
            let place = { (line: Int32) in SourceLocation(file: file, span: SourceSpan(at: SourcePosition(line: line, column: 3))) }
            findings.append(Finding(ruleID: "K8S-WILDCARD-VERBS", severity: .high, message: "role \(index) allows every verb", location: place(2),
                                    documentKind: "k8s.Role", logicalPath: "Role/r\(index)"))
            findings.append(Finding(ruleID: "K8S-SECRETS-READ", severity: .medium, message: "the shared role reads secrets", location: place(9),
                                    documentKind: "k8s.Role", logicalPath: "Role/shared\(index)"))
        }
        let diagnostics = stride(from: 0, to: fileCount, by: 10).map { Diagnostic(.error, file: files[$0], at: SourcePosition(line: 1, column: 1), "broken \($0)") }
        let result = ScanResult(findings: findings.sorted(), diagnostics: diagnostics, statistics: ScanStatistics(), rules: library.rules)
        let reporter = ReportFormat.text.reporter(colour: false, compact: false)
        let one = reporter.render(ReportInput(result: result, library: library, sourceRoot: "/work", jobs: 1))
        for jobs in [2, 3] {
            #expect(reporter.render(ReportInput(result: result, library: library, sourceRoot: "/work", jobs: jobs)) == one, "jobs \(jobs)")
        }
        let headings = one.split(separator: "\n").filter { $0.hasPrefix("team-") }.map(String.init)
        #expect(headings == files.sorted())
        #expect(one.components(separatedBy: "the shared role reads secrets").count == 2, "the repeated finding is shown once")
        #expect(one.contains("= the same in \(fileCount - 1) more places:"))
        #expect(one.components(separatedBy: "error  broken").count == diagnostics.count + 1)
    }
}
