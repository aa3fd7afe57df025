import Foundation
@testable import IdlintEngine

/// The package's root folder, found from this file's path.
let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let builtInLibrary: RuleLibrary = {
    do {
        return try RuleLibrary.builtIn()
    } catch {
        fatalError("built-in rules do not load: \(error)")
    }
}()

/// The moment every test judges dates against (certificate expiry, metadata validity),
/// so that fixtures keep their meaning: the certificates made by
/// scripts/make-test-certificates.py are expired, expiring or sound as of this day.
let testClock: Date = ISO8601DateFormatter().date(from: "2026-06-01T00:00:00Z")!

func makeScanner(_ configure: (inout ScanConfiguration) -> Void = { _ in }) -> IdentityScanner {
    var configuration = ScanConfiguration()
    configuration.setClock(testClock)
    configure(&configuration)
    return IdentityScanner(library: builtInLibrary, configuration: configuration)
}

/// Scans in-memory files (name → content), as a folder of files would be scanned together.
func scan(_ files: [String: String], _ configure: (inout ScanConfiguration) -> Void = { _ in }) -> ScanResult {
    let inputs = files.keys.sorted().map { name in
        InputFile(displayPath: name, source: .content(Array(files[name]!.utf8)))
    }
    return makeScanner(configure).scan(files: inputs)
}

/// The change gate over in-memory files (name → content), base against head.
func compareInMemory(_ base: [String: String], _ head: [String: String], actor: ChangeActor = .human) -> ChangeComparison {
    func files(_ map: [String: String]) -> [InputFile] {
        map.keys.sorted().map { InputFile(displayPath: $0, source: .content(Array(map[$0]!.utf8))) }
    }
    var configuration = ScanConfiguration()
    configuration.setClock(testClock)
    return ChangeGate(library: builtInLibrary, configuration: configuration, actor: actor).compare(base: files(base), head: files(head))
}

/// A fresh folder under the system's temporary folder, removed by the caller.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("idlint-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

extension ScanResult {
    func findings(of rule: String) -> [Finding] {
        findings.filter { $0.ruleID == rule }
    }
}

/// A rule file with one rule whose metadata is filler, for tests about matching and loading.
func singleRuleFile(id: String, message: String = "m", match: String) -> String {
    """
    rules:
      - id: \(id)
        title: T
        severity: low
        rationale: r
        remediation: r
        controls: [OWASP-NHI-2025:NHI5]
        message: \(message)
        match: \(match)
    """
}
