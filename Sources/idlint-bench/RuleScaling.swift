import Foundation
import IdlintEngine

/// How a scan's cost grows with the number of rules: the same corpus scanned with a
/// quarter, half, three quarters and all of the built-in rules (every fourth rule in id
/// order kept per quarter, so that each share spans the families), each in a child.
enum RuleScaling {
    /// Child: scans `folder` on `jobs` threads with `quarters`/4 of the rules; prints
    /// "RULES SECONDS FINDINGS".
    static func measure(folder: String, quarters: Int, jobs: Int) throws {
        var library = try RuleLibrary.builtIn()
        let ids = library.rules.map(\.id).sorted()
        library.disable(Set(ids.enumerated().filter { $0.offset % 4 >= quarters }.map(\.element)))
        var configuration = ScanConfiguration()
        configuration.jobs = jobs
        let started = Date()
        let result = IdentityScanner(library: library, configuration: configuration).scan(paths: [folder])
        print(String(format: "%d %.3f %d", library.rules.count, Date().timeIntervalSince(started), result.findings.count))
    }

    /// Prints one line per share of the rules, scanning `folder`.
    static func report(folder: String, jobs: Int) throws {
        var parts: [String] = []
        for quarters in 1...4 {
            let fields = try runChild(["measure-rules", folder, "\(quarters)", "\(jobs)"]).split(separator: " ")
            guard fields.count == 3 else { continue }
            parts.append("\(fields[0]) rules \(fields[1]) s (\(fields[2].trimmingCharacters(in: .whitespacesAndNewlines)) findings)")
        }
        print("  scan time by number of rules: " + parts.joined(separator: ", "))
    }
}
