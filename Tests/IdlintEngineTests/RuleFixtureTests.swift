import Foundation
import Testing
@testable import IdlintEngine

/// Every rule ships with positive and negative fixtures under `fixtures/<family>/<RULE-ID>/`,
/// tested by the engine's `RuleTester`, the same code that `idlint rules test` runs: the
/// rule must report exactly the marked findings (see `FixtureMarkers`), each of them must
/// be silenced by a suppression, and nothing may be reported in the negative folder.
@Suite("Rule fixtures")
struct RuleFixtureTests {
    static let ruleIDs = builtInLibrary.rules.map(\.id).sorted()
    static let fixtures = packageRoot.appendingPathComponent("fixtures").path
    static let tester = RuleTester(library: builtInLibrary, configuration: {
        var configuration = ScanConfiguration()
        configuration.setClock(testClock)
        return configuration
    }())

    @Test("the rule reports exactly the marked findings, each can be suppressed, and nothing on the negatives", arguments: ruleIDs)
    func fixtures(ruleID: String) throws {
        let rule = try #require(builtInLibrary.rule(id: ruleID))
        let outcome = Self.tester.test(ruleID: ruleID, folder: "\(Self.fixtures)/\(rule.family)/\(ruleID)")
        #expect(outcome.passed, "\(ruleID):\n\(outcome.failureLines.joined(separator: "\n"))")
        #expect(outcome.expectedCount > 0)
    }

    @Test("fixtures/.now names the day this suite judges the fixtures on, the day `idlint rules test` uses")
    func fixturesClock() throws {
        let day = try String(contentsOfFile: Self.fixtures + "/.now", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        #expect(formatter.date(from: day) == testClock)
    }

    @Test("every fixture folder belongs to a rule, and every rule has one")
    func noOrphanFixtures() {
        let folders = RuleTester.fixtureFolders(under: Self.fixtures).filter { !$0.folder.hasPrefix(Self.fixtures + "/gate/") }
        let known = Set(Self.ruleIDs)
        #expect(folders.filter { !known.contains($0.name) }.isEmpty, "\(folders.filter { !known.contains($0.name) }.map(\.folder))")
        #expect(Set(folders.map(\.name)) == known, "rules without fixtures: \(known.subtracting(folders.map(\.name)).sorted())")
    }
}

/// docs/rules.md shows a built-in rule beside its fixtures: they must be shown as they ship.
@Suite("Documented rule example")
struct DocumentedRuleExampleTests {
    static let docs = (try? String(contentsOf: packageRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)) ?? ""

    @Test("each fixture shown is the file, whole", arguments: [
        ("GHA-WRITE-ALL/positive/release.yml", "yaml"), ("GHA-WRITE-ALL/negative/release.yml", "yaml"),
        ("MCP-REMOTE-PLAIN-HTTP/positive/mcp.json", "json"), ("MCP-REMOTE-PLAIN-HTTP/positive/mcp.json.expect", "text"),
    ])
    func fixture(path: String, language: String) throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("fixtures/automation/" + path), encoding: .utf8)
        #expect(Self.docs.contains("```\(language)\n\(text)```"), "docs/rules.md does not show \(path) as it is")
    }

    @Test("every line of the rule shown is a line of the rule that ships")
    func rule() throws {
        let shipped = Set(try String(contentsOf: packageRoot.appendingPathComponent("rulesets/automation.yaml"), encoding: .utf8)
            .split(separator: "\n").map(String.init))
        let start = try #require(Self.docs.range(of: "```yaml\n  - id: GHA-WRITE-ALL\n"))
        let end = try #require(Self.docs[start.upperBound...].range(of: "```"))
        let shown = Self.docs[start.lowerBound..<end.lowerBound].split(separator: "\n").dropFirst().map(String.init)
        #expect(shown.count > 10 && shown.allSatisfy(shipped.contains), "\(shown.filter { !shipped.contains($0) })")
    }
}

/// The harness itself fails closed: markers it cannot read, rules that do not exist and
/// findings counted twice on one line are failures, never skipped.
@Suite("Rule test harness")
struct RuleTestHarnessTests {
    static let role = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: {name: r, namespace: n}
    rules:
      - apiGroups: ["*"]
        resources: ["*"]
        verbs: ["*"]
    """

    /// `tester`'s outcome over a rule folder of these fixtures, written to a temporary
    /// folder that is removed again.
    static func outcome(of tester: RuleTester, positive: [String: String]) throws -> RuleTestOutcome {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appendingPathComponent("K8S-WILDCARD-VERB")
        for (name, text) in positive { try write(text, to: root.appendingPathComponent("positive/" + name)) }
        try write("a: 1\n", to: root.appendingPathComponent("negative/ok.yaml"))
        return tester.test(ruleID: "K8S-WILDCARD-VERB", folder: root.path)
    }

    func outcome(_ positive: [String: String]) throws -> RuleTestOutcome {
        try Self.outcome(of: RuleFixtureTests.tester, positive: positive)
    }

    @Test("an exact marker passes, and a wrong column fails")
    func exactColumn() throws {
        let marked = Self.role.replacingOccurrences(of: "    verbs:", with: "    # expect: K8S-WILDCARD-VERB@13\n    verbs:")
        #expect(try outcome(["role.yaml": marked]).passed)
        let wrong = Self.role.replacingOccurrences(of: "    verbs:", with: "    # expect: K8S-WILDCARD-VERB@14\n    verbs:")
        let failed = try outcome(["role.yaml": wrong])
        #expect(failed.missing.map(\.column) == [14] && failed.unexpected.map(\.column) == [13])
    }

    @Test("two marks on a line need two findings: marks are a multiset")
    func multiset() throws {
        let doubled = Self.role.replacingOccurrences(of: "    verbs:", with: "    # expect: K8S-WILDCARD-VERB*2\n    verbs:")
        let failed = try outcome(["role.yaml": doubled])
        #expect(failed.missing.count == 1 && failed.unexpected.isEmpty)
    }

    @Test("a marker naming no rule, or malformed, is a failure", arguments: ["K8S-WILDCARD-VERBB", "K8S-WILDCARD-VERB@x", "K8S-WILDCARD-VERB*0"])
    func badMarker(marker: String) throws {
        let text = Self.role.replacingOccurrences(of: "    verbs:", with: "    # expect: K8S-WILDCARD-VERB, \(marker)\n    verbs:")
        let failed = try outcome(["role.yaml": text])
        #expect(!failed.passed && !failed.problems.isEmpty, "\(failed.failureLines)")
    }

    static let json = #"{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "r", "namespace": "n"},"#
        + "\n" + #" "rules": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]}"#

    @Test("sidecars name the place by search key, or by line and column")
    func sidecar() throws {
        #expect(try outcome(["role.json": Self.json, "role.json.expect": "# the verb\nK8S-WILDCARD-VERB /rules/0/verbs/0\n"]).passed)
        #expect(try outcome(["role.json": Self.json, "role.json.expect": "K8S-WILDCARD-VERB 2:63\n"]).passed)
        #expect(try !outcome(["role.json": Self.json, "role.json.expect": "K8S-WILDCARD-VERB 2:62\n"]).passed)
        let doubled = try outcome(["role.json": Self.json, "role.json.expect": "K8S-WILDCARD-VERB /rules/0/verbs/0 *2\n"])
        #expect(doubled.missing.count == 1 && doubled.unexpected.isEmpty)
    }

    @Test("a key naming another place fails both ways, and the finding is named by its own key")
    func sidecarElsewhere() throws {
        let failed = try outcome(["role.json": Self.json, "role.json.expect": "K8S-WILDCARD-VERB /rules/0/verbs\n"])
        #expect(failed.missing.map(\.column) == [53] && failed.unexpected.map(\.searchKey) == ["/rules/0/verbs/0"], "\(failed.failureLines)")
        #expect(failed.failureLines.contains { $0.contains("(in role.json.expect: K8S-WILDCARD-VERB /rules/0/verbs/0)") })
    }

    @Test("a key that names nothing, or is malformed, is a failure naming the sidecar line", arguments: ["/rules/1", "/rules/00", "rules/0", "/rules/0/verbs/0 *0"])
    func sidecarUnresolved(key: String) throws {
        let failed = try outcome(["role.json": Self.json, "role.json.expect": "\nK8S-WILDCARD-VERB \(key)\n"])
        #expect(!failed.passed && failed.problems.contains { $0.contains("role.json.expect:2") }, "\(failed.failureLines)")
    }

    @Test("a finding that an inline comment cannot silence fails the suppression check")
    func unsilenced() throws {
        var configuration = RuleFixtureTests.tester.configuration
        configuration.suppressions.inlineForbidden = ["K8S-WILDCARD-VERB"]
        let marked = Self.role.replacingOccurrences(of: "    verbs:", with: "    # expect: K8S-WILDCARD-VERB@13\n    verbs:")
        let failed = try Self.outcome(of: RuleTester(library: builtInLibrary, configuration: configuration), positive: ["role.yaml": marked])
        #expect(failed.unsilenced.map(\.line) == [9], "\(failed.failureLines)")
    }

    @Test("inserted suppression comments keep each line's indentation")
    func insertion() {
        let text = RuleTester.insertingComments("a:\n  b: 1\n  c: 2", before: [3], comment: "# x")
        #expect(text == "a:\n  b: 1\n  # x\n  c: 2")
    }
}
