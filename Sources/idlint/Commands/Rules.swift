import ArgumentParser
import FoundationEssentials
import IdlintCommandLine
import IdlintEngine
import IdlintReporting

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules, show one, or test rules against their fixtures.",
        subcommands: [List.self, Show.self, Test.self, Docs.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List every rule: id, severity, title (with --framework, the controls each maps to).")

        @Option(help: ArgumentHelp("Only rules mapped to this framework (catalog id or prefix), with their controls.", valueName: "ID"))
        var framework: String?

        @OptionGroup var rules: RuleOptions

        func run() throws {
            let (_, library) = try loadOrExit(rules)
            var catalogs: [Catalog] = []
            if let framework {
                catalogs = library.catalogs(matching: framework)
                guard !catalogs.isEmpty else {
                    FileSystem.printError("idlint: no framework \(framework); known: \(library.catalogs.map(\.id).joined(separator: ", ")), or all")
                    throw ExitCode(2)
                }
            }
            let width = library.rules.map(\.id.count).max() ?? 0
            for rule in library.rules.sorted(by: { $0.id < $1.id }) {
                let controls = rule.controls.filter { control in catalogs.contains { control.hasPrefix($0.id + ":") } }
                if framework != nil, controls.isEmpty { continue }
                let padded = rule.id + String(repeating: " ", count: width - rule.id.count)
                let severity = rule.severity.rawValue + String(repeating: " ", count: 8 - rule.severity.rawValue.count)
                print("\(padded)  \(severity)  \(rule.title)")
                for control in controls {
                    print("    \(control)\(library.controlTitle(control).map { ": \($0)" } ?? "")")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a rule's rationale, remediation and controls.")

        @Argument(help: "Rule id, for example K8S-SECRETS-READ.")
        var id: String

        @OptionGroup var rules: RuleOptions

        func run() throws {
            let (_, library) = try loadOrExit(rules)
            guard let rule = library.rule(matching: id) else {
                FileSystem.printError("idlint: no rule with id \(id); `idlint rules list` shows them all")
                throw ExitCode(2)
            }
            print("""
            \(rule.id): \(rule.title)
            Severity:    \(rule.severity.rawValue)
            Family:      \(rule.family)
            Defined at:  \(rule.definedAt?.description ?? "-")

            Why it matters:
              \(rule.rationale)

            How to fix:
              \(rule.remediation)

            Controls:
            \(rule.controls.map { control in
                "  - \(control)\(library.controlTitle(control).map { ": \($0)" } ?? "")"
                    + (rule.controlRationale[control].map { "\n      why: \($0)" } ?? "")
            }.joined(separator: "\n"))
            """)
        }
    }
}

extension Rules {
    /// `idlint rules docs DIR`: the pages SARIF's helpUri links, one per built-in rule.
    struct Docs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "docs",
            abstract: "Write a Markdown page per built-in rule, and an index, into a folder (docs/rules in an idlint checkout).",
            discussion: "SARIF reports link each built-in rule to RULE-ID.md under --rule-docs-url (default: idlint's published docs/rules/). Publish these pages where that address points."
        )

        @Argument(help: ArgumentHelp("The folder to write the pages into; created if missing.", valueName: "DIR"))
        var folder: String

        @Option(help: ArgumentHelp("Where the built-in rules' fixtures are, to link from each page. Default: fixtures", valueName: "DIR"))
        var fixtures = "fixtures"

        @Option(help: ArgumentHelp("The way from DIR to the folder holding the fixtures folder, for the links. Default: ../../", valueName: "PREFIX"))
        var fixturesPrefix = "../../"

        func run() throws {
            let library = try exitOnValidationFailure { try RuleLibrary.builtIn() }
            let findFixtures = FileSystem.isDirectory(fixtures) ? RulePages.fixtures(under: fixtures) : { _ in nil }
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for page in RulePages.pages(library, fixtures: findFixtures, fixturesPrefix: fixturesPrefix) {
                try FileSystem.writeReport(toFile: folder + "/" + page.name) { $0.write(page.text) }
            }
        }
    }
}
