import Foundation
import Testing
@testable import IdlintEngine

/// Hostile inputs, each scanned beside a sound file: each gets a diagnostic (or is
/// skipped with a note) within bounded time, and the sound file is still scanned.
/// Bounds: 64 MB per file by default (max-file-size), nesting 256 (max-depth), a YAML
/// document of at most 1,000,000 nodes once aliases are expanded (max-alias-expansion),
/// DOCTYPE refused in XML; each case here must finish well within thirty seconds even under a sanitizer.
@Suite("Hostile input")
struct HostileInputTests {
    static let sound = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: everything}
    rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
    """

    static func billionLaughsYAML() -> String {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 { text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        return text
    }

    static let cases: [(name: String, content: [UInt8])] = [
        ("alias-bomb.yaml", Array(billionLaughsYAML().utf8)),
        ("deep-flow.yaml", Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)),
        ("deep-block.yaml", Array((0..<1_000).map { String(repeating: " ", count: $0) + "k:\n" }.joined().utf8)),
        ("deep.json", Array((String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000)).utf8)),
        ("deep.xml", Array((String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)).utf8)),
        ("entities.xml", Array("""
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <lolz>&lol2;</lolz>
            """.utf8)),
        ("external-file.xml", Array("<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY f SYSTEM \"file:///etc/passwd\">]>\n<x>&f;</x>".utf8)),
        ("external-network.xml", Array("<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY n SYSTEM \"http://127.0.0.1:9/x\">]>\n<x>&n;</x>".utf8)),
        ("invalid-utf8.yaml", [0x6B, 0x3A, 0x20, 0xC3, 0x28, 0x0A]),
        ("utf16.json", [0xFF, 0xFE] + Array("{\"a\": 1}".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
        ("nul.yaml", Array("a: b\u{0}c\n".utf8)),
        ("long-line.json", Array(("{\"k\": \"" + String(repeating: "x", count: 8 << 20) + "\"}").utf8)),
        ("broken.yaml", Array("a: [1, 2\nb: {\n".utf8)),
    ]

    @Test("each hostile input is refused or read within bounds; the sound file beside it is still scanned", arguments: cases.map(\.name))
    func hostile(name: String) throws {
        let content = try #require(Self.cases.first { $0.name == name }).content
        let started = Date()
        let result = makeScanner().scan(files: [
            InputFile(displayPath: name, source: .content(content)),
            InputFile(displayPath: "sound.yaml", source: .content(Array(Self.sound.utf8))),
        ])
        #expect(Date().timeIntervalSince(started) < 30, "\(name) took too long: a hang, not a speed check (sanitizer builds are slow)")
        #expect(result.findings.contains { $0.location.file == "sound.yaml" }, "the sound file was not scanned beside \(name)")
        let aboutIt = result.diagnostics.filter { $0.file == name }
        // UTF-16 with a byte order mark is converted, and one long line is merely long:
        // both are read; every other case is refused with a diagnostic.
        if name != "utf16.json" && name != "long-line.json" {
            #expect(!aboutIt.isEmpty, "\(name) passed without a diagnostic")
        }
        for diagnostic in aboutIt where diagnostic.level == .error && name != "long-line.json" {
            #expect(diagnostic.position != nil || diagnostic.message.contains("DOCTYPE") || diagnostic.message.contains("UTF"), "\(name): \(diagnostic.message) has no position")
        }
    }

    @Test("a 1 GB file is skipped by size before it is read")
    func hugeFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("huge.yaml").path
        // Sparse: a gigabyte on paper, nothing on disk.
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        try write(Self.sound, to: folder.appendingPathComponent("sound.yaml"))
        let started = Date()
        let result = makeScanner().scan(paths: [folder.path])
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(result.diagnostics.contains { $0.file.hasSuffix("huge.yaml") && $0.message.contains("limit") })
        #expect(result.statistics.filesScanned == 1)
    }

    @Test("parse limits are configurable and refuse beyond them")
    func configurableLimits() throws {
        let configuration = try ScanConfiguration.load(text: "max-depth: 16\nmax-alias-expansion: 5000\n", path: ".idlint.yaml")
        #expect(configuration.limits.maxDepth == 16)
        #expect(configuration.limits.maxExpandedNodes == 5000)
        let nested = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
        let result = makeScanner { $0.limits = configuration.limits }.scan(files: [InputFile(displayPath: "n.json", source: .content(Array(nested.utf8)))])
        #expect(result.diagnostics.contains { $0.level == .error && $0.message.contains("depth") || $0.message.contains("nest") })
        #expect(throws: DataFileError.self) { try ScanConfiguration.load(text: "max-depth: 1000000\n", path: ".idlint.yaml") }
    }

    @Test("hostile rules files: a recursive alias and a backtracking-shaped glob are refused or stay fast")
    func hostileRules() throws {
        var library = try RuleLibrary.builtIn()
        let recursive = "rules: &r\n  - *r\n"
        #expect(throws: (any Error).self) { try library.load(text: recursive, path: "recursive.yaml", isBuiltIn: false) }
        // Globs match in time linear in pattern × text: no catastrophic backtracking.
        let glob = GlobPattern.overText(String(repeating: "a*", count: 40) + "b")
        let started = Date()
        #expect(!glob.matches(String(repeating: "a", count: 20_000)))
        #expect(Date().timeIntervalSince(started) < 2)
    }
}
