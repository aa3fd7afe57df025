import FoundationEssentials
import IdlintSyntax

/// Tests rules against their fixtures, the way the test suite tests the built-in rules
/// and `idlint rules test` tests anyone's. A rule's fixture folder is named after the
/// rule and holds `positive/` (files with markers, see `FixtureMarkers`) and `negative/`
/// (files on which the rule must stay silent). The rule must report exactly the marked
/// findings, as a multiset, and every one of them again with a suppression, to show
/// that each can be silenced: an inline `idlint:ignore` comment in YAML, an entry of the
/// suppression file by fingerprint elsewhere.
public struct RuleTester: Sendable {
    public var library: RuleLibrary
    public var configuration: ScanConfiguration

    public init(library: RuleLibrary, configuration: ScanConfiguration) {
        self.library = library
        self.configuration = configuration
    }

    /// Tests `rules` (every rule with a folder when nil) against the fixture folders under
    /// `roots`. A folder named after no rule, and a rule under test with no folder, fail.
    public func run(fixtureRoots roots: [String], rules wanted: Set<String>?) -> RuleTestReport {
        var report = RuleTestReport()
        var folders: [String: String] = [:]
        for root in roots {
            for (name, folder) in Self.fixtureFolders(under: root) {
                guard library.knows(name) else {
                    report.problems.append("\(folder): fixture folder named after no rule")
                    continue
                }
                if let other = folders[name] {
                    report.problems.append("\(folder): a second fixture folder for \(name), besides \(other)")
                    continue
                }
                folders[name] = folder
            }
        }
        for ruleID in (wanted ?? Set(folders.keys)).sorted() {
            guard let folder = folders[ruleID] else {
                report.problems.append("\(ruleID) has no fixture folder (\(ruleID)/positive and \(ruleID)/negative) under \(roots.joined(separator: ", "))")
                continue
            }
            report.outcomes.append(test(ruleID: ruleID, folder: folder))
        }
        return report
    }

    /// Tests rule folders (`--rules` folders): the rules each defines, against the
    /// fixtures under its `fixtures/`. A folder that defines no rule fails.
    public func run(ruleFolders: [String]) -> RuleTestReport {
        var report = RuleTestReport()
        for folder in ruleFolders {
            let defined = library.ruleIDs(definedUnder: folder)
            if defined.isEmpty { report.problems.append("\(folder) defines no rule") }
            let part = run(fixtureRoots: [folder + "/" + RuleLibrary.fixturesFolder], rules: Set(defined))
            report.outcomes += part.outcomes
            report.problems += part.problems
        }
        return report
    }

    /// Folders under `root` that hold `positive/` or `negative/`, by name.
    public static func fixtureFolders(under root: String) -> [(name: String, folder: String)] {
        let files = FileManager.default
        var found: [(String, String)] = []
        func walk(_ folder: String, depth: Int) {
            guard depth < 8, let names = try? files.contentsOfDirectory(atPath: folder) else { return }
            if names.contains("positive") || names.contains("negative") {
                found.append((URL(fileURLWithPath: folder).lastPathComponent, folder))
                return
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                var isFolder = false
                let path = folder + "/" + name
                if files.fileExists(atPath: path, isDirectory: &isFolder), isFolder { walk(path, depth: depth + 1) }
            }
        }
        walk(root, depth: 0)
        return found
    }

    /// Tests one rule against its fixture folder.
    public func test(ruleID: String, folder: String) -> RuleTestOutcome {
        var outcome = RuleTestOutcome(ruleID: ruleID, folder: folder)
        guard library.rule(id: ruleID) != nil else {
            outcome.problems.append("\(ruleID) is not a rule that is loaded")
            return outcome
        }
        let positive = folder + "/positive"
        let negative = folder + "/negative"
        let expected: [FixtureExpectation]
        do {
            expected = try expectations(in: positive).filter { expectation in
                guard library.knows(expectation.ruleID) else {
                    throw FixtureMarkers.Problem(message: "\(expectation.markedAt): the marker names \(expectation.ruleID), which is not a rule")
                }
                return expectation.ruleID == ruleID
            }
        } catch {
            outcome.problems.append((error as? FixtureMarkers.Problem)?.message ?? "\(error)")
            return outcome
        }
        outcome.expectedCount = expected.count
        if expected.isEmpty { outcome.problems.append("\(positive) marks no finding of \(ruleID)") }

        let scanner = IdentityScanner(library: library, configuration: configuration)
        let discovered = FileDiscovery(options: configuration.discovery).discover([positive])
        let result = scanner.scan(files: discovered.files)
        outcome.problems += (discovered.diagnostics + result.diagnostics).filter { $0.level == .error }.map(\.description)
        let reported = result.findings.filter { $0.ruleID == ruleID }
        let comparison = FixtureComparison.compare(expected: expected, reported: reported.map { Self.place($0, in: positive) })
        outcome.missing = comparison.missing
        outcome.unexpected = naming(comparison.unexpected, in: positive)

        let negativeResult = scanner.scan(paths: [negative])
        if negativeResult.statistics.filesScanned == 0 { outcome.problems.append("\(negative) holds no fixture") }
        outcome.problems += negativeResult.diagnostics.filter { $0.level == .error }.map(\.description)
        outcome.unexpected += naming(negativeResult.findings.filter { $0.ruleID == ruleID }.map { Self.place($0, in: negative) }, in: negative)

        if outcome.passed, !reported.isEmpty {
            let suppressed = scanSuppressing(reported, of: ruleID, files: discovered.files, expected: expected, positive: positive)
            outcome.unsilenced = suppressed.findings.filter { $0.ruleID == ruleID && $0.suppression == nil }.map { Self.place($0, in: positive) }
            // Silence must come from the suppressions, not from a fixture they broke.
            outcome.problems += suppressed.diagnostics.filter { $0.level == .error }.map { "with suppressions: \($0)" }
            let silenced = suppressed.findings.count { $0.ruleID == ruleID && $0.suppression != nil }
            if silenced != reported.count {
                outcome.problems.append("with a suppression for each of its \(reported.count) findings, \(ruleID) reported \(silenced) suppressed")
            }
        }
        return outcome
    }

    /// Scans the positive fixtures again with a suppression for each reported finding.
    private func scanSuppressing(_ reported: [Finding], of ruleID: String, files: [InputFile], expected: [FixtureExpectation], positive: String) -> ScanResult {
        var configuration = configuration
        let reason = "idlint rules test: each expected finding must be silenced by a suppression"
        var inputs: [InputFile] = []
        for file in files {
            let relative = Self.relative(file.displayPath, to: positive)
            let lines = Set(expected.filter { $0.file == relative }.map(\.line))
            let syntax = Syntax(fileName: file.displayPath)
            if let syntax, InlineSuppressions.reads(syntax), !lines.isEmpty, let bytes = try? file.read(maxBytes: configuration.discovery.maxFileBytes) {
                let text = Self.insertingComments(String(decoding: bytes, as: UTF8.self), before: lines, comment: "# idlint:ignore \(ruleID) reason=\"\(reason)\"")
                inputs.append(InputFile(displayPath: file.displayPath, source: .content(Array(text.utf8))))
            } else {
                inputs.append(file)
            }
        }
        for finding in reported where !(Syntax(fileName: finding.location.file).map(InlineSuppressions.reads) ?? false) {
            configuration.suppressions.fileEntries.append(SuppressionEntry(
                suppression: Suppression(kind: .external, justification: reason), rules: [ruleID], fingerprint: finding.fingerprint))
        }
        return IdentityScanner(library: library, configuration: configuration).scan(files: inputs)
    }

    /// The text with a comment line above each of `lines` (1-based), indented as that line.
    static func insertingComments(_ text: String, before lines: Set<Int>, comment: String) -> String {
        var output: [Substring] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if lines.contains(index + 1) {
                output.append(line.prefix { $0 == " " } + Substring(comment))
            }
            output.append(line)
        }
        return output.joined(separator: "\n")
    }

    /// Every marker under a positive folder: comments in fixtures, and sidecars.
    func expectations(in folder: String) throws -> [FixtureExpectation] {
        var found: [FixtureExpectation] = []
        let names = ((try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? []).sorted()
        for name in names {
            let path = folder + "/" + name
            var isFolder = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder else { continue }
            let text = String(decoding: try FileReader.read(path: path, maxBytes: 8 << 20), as: UTF8.self)
            if name.hasSuffix(".expect") {
                let fixture = String(name.dropLast(".expect".count))
                guard FileManager.default.fileExists(atPath: folder + "/" + fixture) else {
                    throw FixtureMarkers.Problem(message: "\(path): sidecar of \(fixture), which does not exist")
                }
                found += try FixtureSidecar.expectations(text, sidecar: path, file: fixture) { () throws(FixtureMarkers.Problem) in
                    try documents(ofFixture: folder + "/" + fixture)
                }
            } else {
                found += try FixtureMarkers.inComments(of: text, file: name).map { expectation in
                    var expectation = expectation
                    expectation.markedAt = folder + "/" + expectation.markedAt
                    return expectation
                }
            }
        }
        return found
    }

    /// A fixture's documents as the scanner reads them; unreadable is a failure.
    func documents(ofFixture path: String) throws(FixtureMarkers.Problem) -> [Document] {
        var documents: [Document] = []
        do {
            let text = try SourceText.prepare(try FileReader.read(path: path, maxBytes: configuration.discovery.maxFileBytes))
            try text.withUnsafeBufferPointer { bytes in
                try Syntax(fileName: path, contents: text).parser.parse(bytes, file: path, limits: configuration.limits) { documents.append($0) }
            }
        } catch {
            throw FixtureMarkers.Problem(message: "\(path) could not be read for its sidecar: \(error)")
        }
        return documents
    }

    /// Findings no expectation took, each in a JSON or XML fixture given the search key
    /// that names its place, so that the sidecar line can be written from the failure.
    private func naming(_ places: [ReportedPlace], in folder: String) -> [ReportedPlace] {
        var parsed: [String: [Document]] = [:]
        return places.map { place in
            guard ![.yaml, .hcl, .toml].contains(Syntax(fileName: place.file)) else { return place }
            let documents = parsed[place.file] ?? (try? self.documents(ofFixture: folder + "/" + place.file)) ?? []
            parsed[place.file] = documents
            var named = place
            named.searchKey = FixtureSearchKey.naming(SourcePosition(line: place.line, column: place.column), in: documents)
            return named
        }
    }

    static func place(_ finding: Finding, in folder: String) -> ReportedPlace {
        ReportedPlace(ruleID: finding.ruleID, file: relative(finding.location.file, to: folder), line: finding.location.line,
                      column: finding.location.column, message: finding.message)
    }

    /// A fixture's path inside its folder: files named by convention (`.gitlab-ci.yml`)
    /// sit in subfolders of their own.
    static func relative(_ path: String, to folder: String) -> String {
        path.hasPrefix(folder + "/") ? String(path.dropFirst(folder.count + 1)) : path
    }
}
