import ArgumentParser
import FoundationEssentials
import IdlintCommandLine
import IdlintEngine

extension Rules {
    /// `idlint rules test [DIR ...]`: the fixture harness the test suite runs on the
    /// built-in rules, for anyone's rule folder.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Test rules against their fixtures: what each must report, and where it must stay silent.",
            discussion: """
            Each DIR is a rule folder: its rule files, and under DIR/fixtures/ one folder per \
            rule, named by its id, holding positive/ (files marked '# expect: RULE-ID@COLUMN' on \
            the line before each finding, or for JSON and XML a sidecar FILE.expect of \
            'RULE-ID /path/to/element' lines: a JSON Pointer, or an XPath-like path such as \
            /EntityDescriptor/SPSSODescriptor/AssertionConsumerService[@index=0]/@Location) and \
            negative/ (files the rule must not fire on). Without \
            DIR, the built-in rules are tested against --fixtures (default: fixtures/ of the \
            current folder, in an idlint checkout). See docs/rules.md.

            Exit codes: 0 every rule passed, 1 a rule failed (or has no fixtures), 2 usage \
            error or a rule file that does not load.
            """
        )

        @Argument(help: ArgumentHelp("Rule folders to test, with their fixtures under DIR/fixtures/.", valueName: "DIR"))
        var folders: [String] = []

        @Option(help: ArgumentHelp("Where the built-in rules' fixtures are, when no DIR is given. Default: fixtures", valueName: "DIR"))
        var fixtures: String?

        @OptionGroup var rules: RuleOptions

        func run() throws {
            let roots = folders.isEmpty ? [fixtures ?? "fixtures"] : folders.map { $0 + "/" + RuleLibrary.fixturesFolder }
            for folder in folders + (folders.isEmpty ? roots : []) where !FileSystem.isDirectory(folder) {
                FileSystem.printError(folders.isEmpty
                    ? "idlint: no fixtures folder \(folder): the built-in rules' fixtures are in an idlint checkout (--fixtures DIR), or name rule folders to test"
                    : "idlint: \(folder) is not a folder")
                throw ExitCode(2)
            }
            var options = rules
            options.ruleDirectories += folders
            if options.now == nil { options.now = try Self.fixturesClock(in: roots) }
            let (configuration, library) = try loadOrExit(options)
            let tester = RuleTester(library: library, configuration: configuration)
            let report = folders.isEmpty
                ? tester.run(fixtureRoots: roots, rules: Set(library.rules.filter(\.isBuiltIn).map(\.id)))
                : tester.run(ruleFolders: folders)
            print(Self.render(report), terminator: "")
            if !report.passed { throw ExitCode(1) }
        }

        /// The day the fixtures are judged on, when their folder fixes one in a `.now` file
        /// (one line, YYYY-MM-DD): fixtures with dated certificates pass on any day the
        /// command runs, not only until those certificates expire. `--now` overrides it.
        static func fixturesClock(in roots: [String]) throws -> String? {
            let days = Set(roots.compactMap { root -> String? in
                guard let bytes = try? FileReader.read(path: root + "/.now", maxBytes: 64) else { return nil }
                return String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
            })
            guard days.count <= 1 else {
                FileSystem.printError("idlint: the fixtures folders fix different days (\(days.sorted().joined(separator: ", "))); test them apart, or give --now")
                throw ExitCode(2)
            }
            return days.first
        }

        /// One line per rule, the reasons under each failure, then the count.
        static func render(_ report: RuleTestReport) -> String {
            var text = ""
            for outcome in report.outcomes {
                if outcome.passed {
                    text += "ok    \(outcome.ruleID)  \(outcome.expectedCount) expected finding\(outcome.expectedCount == 1 ? "" : "s"), each silenced by a suppression\n"
                } else {
                    text += "FAIL  \(outcome.ruleID)  \(outcome.folder)\n"
                    text += outcome.failureLines.map { "      \($0)\n" }.joined()
                }
            }
            text += report.problems.map { "FAIL  \($0)\n" }.joined()
            let failed = report.outcomes.count { !$0.passed }
            text += "\(report.outcomes.count - failed) of \(report.outcomes.count) rules passed"
                + (report.problems.isEmpty ? "" : "; \(report.problems.count) other problem\(report.problems.count == 1 ? "" : "s")") + "\n"
            return text
        }
    }
}
