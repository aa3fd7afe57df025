import ArgumentParser
import Foundation
import IdlintEngine
import IdlintReporting

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review a proposed change against its base: new findings, privilege delta, sensitive surfaces, verdict.",
        discussion: """
        Base and head are git revisions read through git (the head defaults to the working \
        tree), or two folders. Nothing is checked out or written. Exit codes: 0 pass, 1 block, \
        3 review (a human must look), 2 usage or configuration error.
        """
    )

    @Argument(help: ArgumentHelp("Limit the comparison to these files and folders.", valueName: "PATH"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("Git revision of the base, for example origin/main.", valueName: "REF"))
    var base: String?

    @Option(help: ArgumentHelp("Git revision of the head (default: the working tree).", valueName: "REF"))
    var head: String?

    @Option(name: .customLong("base-dir"), help: ArgumentHelp("Folder holding the base version.", valueName: "DIR"))
    var baseDirectory: String?

    @Option(name: .customLong("head-dir"), help: ArgumentHelp("Folder holding the head version.", valueName: "DIR"))
    var headDirectory: String?

    @Option(help: "Who proposed the change: human, agent, or auto (an agent when a commit's author or trailers say so, or for --patch).")
    var actor: ActorChoice = .auto

    @Option(help: ArgumentHelp("A unified diff to apply to the base, in a scratch copy, as the head.", valueName: "FILE"))
    var patch: String?

    enum ActorChoice: String, ExpressibleByArgument, CaseIterable {
        case human, agent, auto
    }

    @OptionGroup var output: OutputOptions
    @OptionGroup var rules: RuleOptions
    @OptionGroup var acceptance: AcceptanceOptions

    @OptionGroup var selection: SelectionOptions

    func validate() throws {
        if base == nil && baseDirectory == nil { throw ValidationError("give --base REF or --base-dir DIR") }
        if base != nil && baseDirectory != nil { throw ValidationError("--base and --base-dir cannot be combined") }
        if headDirectory != nil && baseDirectory == nil { throw ValidationError("--head-dir goes with --base-dir") }
        if head != nil && base == nil { throw ValidationError("--head goes with --base") }
        if patch != nil && (head != nil || headDirectory != nil) { throw ValidationError("--patch is the head: it cannot be combined with --head or --head-dir") }
        if baseDirectory != nil && patch != nil { return }
        if baseDirectory != nil && headDirectory == nil { throw ValidationError("--base-dir needs --head-dir or --patch") }
    }

    func run() throws {
        var (configuration, library) = try loadOrExit(rules)
        selection.apply(to: &configuration)
        try acceptance.apply(to: &configuration, library: library)
        let sides: (base: [InputFile], head: [InputFile], baseNotes: [Diagnostic], headNotes: [Diagnostic])
        do {
            sides = try loadSides(configuration.discovery)
        } catch let failure as GitRevision.Failure {
            FileSystem.printError("idlint: \(failure.message)")
            throw ExitCode(2)
        }
        let (actor, evidence) = try resolveActor(library)
        let comparison = ChangeGate(library: library, configuration: configuration, actor: actor, actorEvidence: evidence)
            .compare(base: sides.base, head: sides.head, baseNotes: sides.baseNotes, headNotes: sides.headNotes)
        let input = DiffReportInput(comparison: comparison, library: library, sourceRoot: FileSystem.currentDirectory)
        let colour = output.output == nil && output.format == .text && FileSystem.standardOutputIsTerminal()
        try write(output.format.diffReporter(colour: colour).render(input), to: output)
        switch comparison.verdict {
        case .pass: return
        case .block: throw ExitCode(1)
        case .review: throw ExitCode(3)
        }
    }

    /// The declared actor, or for `auto` an agent when a commit of the change says so.
    private func resolveActor(_ library: RuleLibrary) throws -> (ChangeActor, String?) {
        switch actor {
        case .human: return (.human, nil)
        case .agent: return (.agent, nil)
        case .auto:
            if patch != nil { return (.agent, "the head is a proposed patch") }
            guard let base else { return (.human, nil) }
            let commits: [(id: String, author: String, email: String, message: String)]
            do {
                commits = try GitRevision(workingDirectory: FileSystem.currentDirectory, revision: head ?? "HEAD").commits(since: base)
            } catch let failure as GitRevision.Failure {
                FileSystem.printError("idlint: \(failure.message)")
                throw ExitCode(2)
            }
            for commit in commits where library.agentRecognition.isAgentCommit(author: commit.author, email: commit.email, message: commit.message) {
                return (.agent, "commit \(commit.id.prefix(12)) by \(commit.author) <\(commit.email)> looks agent-authored")
            }
            return (.human, nil)
        }
    }

    private func loadSides(_ options: DiscoveryOptions) throws -> ([InputFile], [InputFile], [Diagnostic], [Diagnostic]) {
        if let patch {
            let (base, baseNotes): ([InputFile], [Diagnostic])
            if let baseDirectory {
                (base, baseNotes) = Self.folder(baseDirectory, options)
            } else {
                (base, baseNotes) = try GitRevision(workingDirectory: FileSystem.currentDirectory, revision: self.base!).files(paths: paths, options: options)
            }
            return (base, try PatchedTree.apply(patch: patch, to: base, options: options), baseNotes, [])
        }
        if let baseDirectory, let headDirectory {
            let (base, baseNotes) = Self.folder(baseDirectory, options)
            let (head, headNotes) = Self.folder(headDirectory, options)
            return (base, head, baseNotes, headNotes)
        }
        let cwd = FileSystem.currentDirectory
        let (base, baseNotes) = try GitRevision(workingDirectory: cwd, revision: base!).files(paths: paths, options: options)
        if let head {
            let (headFiles, headNotes) = try GitRevision(workingDirectory: cwd, revision: head).files(paths: paths, options: options)
            return (base, headFiles, baseNotes, headNotes)
        }
        let discovered = FileDiscovery(options: options).discover(paths.isEmpty ? ["."] : paths)
        return (base, discovered.files, baseNotes, discovered.diagnostics)
    }

    /// A folder's files, named relative to the folder so that both sides line up.
    private static func folder(_ root: String, _ options: DiscoveryOptions) -> ([InputFile], [Diagnostic]) {
        let discovered = FileDiscovery(options: options).discover([root])
        let prefix = root.hasSuffix("/") ? root : root + "/"
        func relative(_ path: String) -> String { path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path }
        let files = discovered.files.map { file in
            InputFile(displayPath: relative(file.displayPath), source: file.source)
        }
        let notes = discovered.diagnostics.map { Diagnostic($0.level, file: relative($0.file), at: $0.position, $0.message) }
        return (files, notes)
    }
}

