import ArgumentParser
import FoundationEssentials
import IdlintCommandLine
import IdlintEngine
import IdlintReporting

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Review a proposed change against its base: new findings, privilege delta, sensitive surfaces, verdict.",
        discussion: """
        Base and head are git revisions read through git (the head defaults to the working \
        tree), or two folders. Nothing is checked out or written. Exit codes: 0 pass, 1 block, \
        3 review (a human must look), 2 usage or configuration error.
        """
    )

    @Argument(help: ArgumentHelp("Count only the changes in these files and folders; both sides are still read whole, so the verdict does not depend on which folder you name.", valueName: "PATH"))
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
    var actor: ChangeActor.Choice = .auto

    @Option(help: ArgumentHelp("A unified diff to apply to the base, in a scratch copy, as the head.", valueName: "FILE"))
    var patch: String?

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
        let guarded = try exitOnValidationFailure { try gateConfiguration() }
        var (configuration, library) = try exitOnValidationFailure { try rules.load(configuration: guarded.configuration) }
        selection.apply(to: &configuration)
        try exitOnValidationFailure { try selection.select(in: &library) }
        var ownFilesChanged = guarded.changed
        var baseBaseline: String?
        if let base, let path = configuration.baselinePath, acceptance.baseline == nil {
            (baseBaseline, ownFilesChanged) = try exitOnGitFailure {
                let before = try GitRevision(workingDirectory: FileSystem.currentDirectory, revision: base).file(path, maxBytes: 64 << 20)
                let after = try headFile(path, maxBytes: 64 << 20)
                return (before.map { String(decoding: $0, as: UTF8.self) }, ownFilesChanged + (before == after ? [] : [path]))
            }
        }
        try acceptance.apply(to: &configuration, library: library, configuredBaseline: base == nil ? nil : .some(baseBaseline))
        // Only a working-tree head or a head folder is on disk to be overwritten.
        if head == nil && patch == nil {
            let root = headDirectory ?? FileSystem.currentDirectory
            for file in output.files {
                try FileSystem.refuseOverwritingInput(file, paths: paths.isEmpty ? [root] : paths, options: configuration.discovery)
            }
        }
        let sides = try exitOnGitFailure { try loadSides(configuration.discovery) }
        let (actor, evidence) = try resolveActor(library)
        let comparison = ChangeGate(library: library, configuration: configuration, actor: actor, actorEvidence: evidence)
            .compare(base: sides.base, head: sides.head, baseNotes: sides.baseNotes, headNotes: sides.headNotes, ownFilesChanged: ownFilesChanged)
        let input = DiffReportInput(comparison: comparison, library: library, sourceRoot: FileSystem.currentDirectory, ruleDocsURL: output.ruleDocsURL(configuration))
        for destination in output.destinations {
            let colour = destination.file == nil && destination.format == .text && FileSystem.standardOutputIsTerminal()
            let reporter = destination.format.diffReporter(colour: colour)
            try FileSystem.writeReport(toFile: destination.file) { reporter.write(input, to: $0) }
        }
        switch comparison.verdict {
        case .pass: return
        case .block: throw ExitCode(1)
        case .review: throw ExitCode(3)
        }
    }

    /// The configuration the gate judges with. With a git base and no `--config`, that is
    /// the base revision's `.idlint.yaml`, not the head's: a change cannot loosen the gate
    /// that judges it. Whether the change edits it is reported as a surface of its own.
    private func gateConfiguration() throws -> (configuration: (text: String, path: String)?, changed: [String]) {
        guard let base, rules.config == nil else { return (try rules.localConfiguration(), []) }
        let path = ".idlint.yaml"
        return try exitOnGitFailure {
            let before = try GitRevision(workingDirectory: FileSystem.currentDirectory, revision: base).file(path, maxBytes: 1 << 20)
            let after = try headFile(path, maxBytes: 1 << 20)
            return (before.map { (String(decoding: $0, as: UTF8.self), "\(path) at \(base)") }, before == after ? [] : [path])
        }
    }

    /// A file of the head: at `--head`, or in the working tree.
    private func headFile(_ path: String, maxBytes: Int) throws -> [UInt8]? {
        if let head { return try GitRevision(workingDirectory: FileSystem.currentDirectory, revision: head).file(path, maxBytes: maxBytes) }
        guard FileSystem.isReadableFile(path) else { return nil }
        do {
            return try FileReader.read(path: path, maxBytes: maxBytes)
        } catch let error as FileReader.ReadError {
            FileSystem.printError("idlint: \(path): \(error.message)")
            throw ExitCode(2)
        }
    }

    private func exitOnGitFailure<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let failure as GitRevision.Failure {
            FileSystem.printError("idlint: \(failure.message)")
            throw ExitCode(2)
        }
    }

    private func resolveActor(_ library: RuleLibrary) throws -> (ChangeActor, String?) {
        try exitOnGitFailure {
            try ChangeActor.resolve(actor, proposal: patch == nil ? nil : "the head is a proposed patch", root: FileSystem.currentDirectory,
                                    base: base, head: head, recognition: library.agentRecognition)
        }
    }

    private func loadSides(_ options: DiscoveryOptions) throws -> ChangeSides {
        let cwd = FileSystem.currentDirectory
        if let patch {
            let (base, baseNotes): ([InputFile], [Diagnostic])
            if let baseDirectory {
                (base, baseNotes) = ChangeSides.folder(baseDirectory, options)
            } else {
                (base, baseNotes) = try GitRevision(workingDirectory: cwd, revision: self.base!).files(paths: paths, options: options)
            }
            // The head is the base with the patch applied: what the base could not read, the
            // head could not either, and the patched copy's own discovery notes count too.
            let (head, patchNotes) = try PatchedTree.apply(patch: patch, to: base, options: options)
            return ChangeSides(base: base, head: head, baseNotes: baseNotes, headNotes: baseNotes + patchNotes)
        }
        if let baseDirectory, let headDirectory {
            let (base, baseNotes) = ChangeSides.folder(baseDirectory, options)
            let (head, headNotes) = ChangeSides.folder(headDirectory, options)
            return ChangeSides(base: base, head: head, baseNotes: baseNotes, headNotes: headNotes)
        }
        return try ChangeSides.git(root: cwd, base: base!, head: head, paths: paths, options: options)
    }
}
