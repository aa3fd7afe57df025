import Foundation
import Testing
@testable import IdlintEngine

/// Every rule ships with positive and negative fixtures under `fixtures/<family>/<RULE-ID>/`.
/// Positive files mark each expected finding with `# expect: RULE-ID` on the line before
/// it (JSON and XML, which have no comments, list `RULE-ID LINE` pairs in a sidecar
/// `<file>.expect`). The rule must report exactly the marked lines there, and nothing in
/// the negative folder.
@Suite("Rule fixtures")
struct RuleFixtureTests {
    static let ruleIDs = builtInLibrary.rules.map(\.id).sorted()

    @Test("the rule reports exactly the marked lines and nothing on the negatives", arguments: ruleIDs)
    func fixtures(ruleID: String) throws {
        let rule = try #require(builtInLibrary.rule(id: ruleID))
        let folder = packageRoot.appendingPathComponent("fixtures/\(rule.family)/\(ruleID)")
        let positive = folder.appendingPathComponent("positive").path
        let negative = folder.appendingPathComponent("negative").path

        let expected = try Self.expectations(in: positive, ruleID: ruleID)
        #expect(!expected.isEmpty, "fixtures/\(rule.family)/\(ruleID)/positive has no '# expect: \(ruleID)' marker")

        let scanner = makeScanner()
        let positiveResult = scanner.scan(paths: [positive])
        #expect(positiveResult.diagnostics.filter { $0.level == .error }.isEmpty, "\(positiveResult.diagnostics)")
        let actual = Set(positiveResult.findings(of: ruleID).map { Mark(file: Self.relative($0.location.file, to: positive), line: $0.location.line) })
        #expect(actual == expected, "\(ruleID): reported \(actual.sorted()) but fixtures mark \(expected.sorted())")

        let negativeResult = scanner.scan(paths: [negative])
        #expect(negativeResult.statistics.filesScanned > 0, "fixtures/\(rule.family)/\(ruleID)/negative is empty")
        #expect(negativeResult.diagnostics.filter { $0.level == .error }.isEmpty, "\(negativeResult.diagnostics)")
        let unexpected = negativeResult.findings(of: ruleID).map { "\(Self.name($0.location.file)):\($0.location.line)" }
        #expect(unexpected.isEmpty, "\(ruleID) fired on negative fixtures at \(unexpected)")
    }

    @Test("every fixture folder belongs to a rule that exists")
    func noOrphanFixtures() throws {
        let root = packageRoot.appendingPathComponent("fixtures")
        let known = Set(Self.ruleIDs)
        // fixtures/gate holds the change-gate corpus (scenarios, not rules): scripts/gate-corpus.sh replays it.
        for family in try FileManager.default.contentsOfDirectory(atPath: root.path) where !family.hasPrefix(".") && family != "gate" {
            let familyFolder = root.appendingPathComponent(family)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: familyFolder.path, isDirectory: &isFolder), isFolder.boolValue else { continue }
            for ruleFolder in try FileManager.default.contentsOfDirectory(atPath: familyFolder.path) where !ruleFolder.hasPrefix(".") {
                #expect(known.contains(ruleFolder), "fixtures/\(family)/\(ruleFolder) names no rule")
            }
        }
    }

    struct Mark: Hashable, Comparable, CustomStringConvertible {
        var file: String
        var line: Int
        static func < (lhs: Mark, rhs: Mark) -> Bool { (lhs.file, lhs.line) < (rhs.file, rhs.line) }
        var description: String { "\(file):\(line)" }
    }

    static func name(_ path: String) -> String {
        URL(fileURLWithPath: path).lastPathComponent
    }

    /// A fixture's path inside its positive folder: files named by convention
    /// (`.gitlab-ci.yml`) sit in subfolders of their own.
    static func relative(_ path: String, to folder: String) -> String {
        path.hasPrefix(folder + "/") ? String(path.dropFirst(folder.count + 1)) : path
    }

    static func expectations(in folder: String, ruleID: String) throws -> Set<Mark> {
        var marks = Set<Mark>()
        let files = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
        for file in files {
            let path = folder + "/" + file
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            let text = try String(contentsOfFile: path, encoding: .utf8)
            if file.hasSuffix(".expect") {
                for line in text.split(separator: "\n") {
                    let parts = line.split(separator: " ")
                    if parts.count == 2, parts[0] == ruleID, let number = Int(parts[1]) {
                        marks.insert(Mark(file: String(file.dropLast(".expect".count)), line: number))
                    }
                }
                continue
            }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("# expect:"), trimmed.dropFirst("# expect:".count).split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == ruleID }) {
                    marks.insert(Mark(file: file, line: index + 2))
                }
            }
        }
        return marks
    }
}
