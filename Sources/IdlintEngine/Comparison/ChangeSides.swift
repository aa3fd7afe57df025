/// The two sides of a change as input files, named relative to one root so that they
/// line up, with what went wrong reading each side. One way to build them, for the
/// command line and the agent interface alike.
public struct ChangeSides: Sendable {
    public var base: [InputFile]
    public var head: [InputFile]
    public var baseNotes: [Diagnostic]
    public var headNotes: [Diagnostic]

    public init(base: [InputFile], head: [InputFile], baseNotes: [Diagnostic] = [], headNotes: [Diagnostic] = []) {
        self.base = base
        self.head = head
        self.baseNotes = baseNotes
        self.headNotes = headNotes
    }

    /// The base at a git revision of the repository at `root`; the head at another
    /// revision, or the files of the working tree when `head` is nil. Read through git;
    /// nothing is checked out.
    ///
    /// `paths` limit which changes count, not what is read: both sides are read whole, so
    /// a role changed under `roles/` is judged with the bindings under `bindings/`, and
    /// the verdict on a change does not depend on which of its folders the user names.
    /// Outside `paths` the head is the base.
    public static func git(root: String, base: String, head: String?, paths: [String], options: DiscoveryOptions) throws -> ChangeSides {
        let (baseFiles, baseNotes) = try GitRevision(workingDirectory: root, revision: base).files(paths: [], options: options)
        let (headFiles, headNotes) = if let head {
            try GitRevision(workingDirectory: root, revision: head).files(paths: [], options: options)
        } else {
            folder(root, paths: [], options)
        }
        let sides = ChangeSides(base: baseFiles, head: headFiles, baseNotes: baseNotes, headNotes: headNotes)
        // A path that names nothing on either side is a mistake, not an empty change.
        for path in paths where !sides.reaches(path) {
            throw GitRevision.Failure(message: "\(path) names no file that idlint reads in \(base) or the head")
        }
        return sides.limited(to: paths)
    }

    /// Whether `path` is a file of either side or a folder holding one.
    func reaches(_ path: String) -> Bool {
        let prefix = normalisedRelativePath(path)
        if prefix.isEmpty || prefix == "." { return true }
        return (base + head).contains { $0.displayPath == prefix || $0.displayPath.hasPrefix(prefix + "/") }
            || (baseNotes + headNotes).contains { $0.file == prefix || $0.file.hasPrefix(prefix + "/") }
    }

    /// The change with everything outside `paths` (relative to the root) as in the base.
    func limited(to paths: [String]) -> ChangeSides {
        let prefixes = paths.map(normalisedRelativePath)
        guard !prefixes.isEmpty, !prefixes.contains(""), !prefixes.contains(".") else { return self }
        func inside(_ file: String) -> Bool { prefixes.contains { file == $0 || file.hasPrefix($0 + "/") } }
        let headInside = head.filter { inside($0.displayPath) }
        let baseOutside = base.filter { !inside($0.displayPath) }
        let notesInside = headNotes.filter { inside($0.file) }
        let baseNotesOutside = baseNotes.filter { !inside($0.file) }
        return ChangeSides(base: base, head: (baseOutside + headInside).sorted { $0.displayPath < $1.displayPath },
                           baseNotes: baseNotes, headNotes: baseNotesOutside + notesInside)
    }

    /// A folder's files below `paths` (all of it when empty), named relative to the folder.
    public static func folder(_ root: String, paths: [String] = [], _ options: DiscoveryOptions) -> ([InputFile], [Diagnostic]) {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        let targets = paths.isEmpty ? [root] : paths.map { $0.hasPrefix("/") ? $0 : prefix + $0 }
        let discovered = FileDiscovery(options: options).discover(targets)
        func relative(_ path: String) -> String { relativePath(path, to: root) ?? path }
        let files = discovered.files.map { InputFile(displayPath: relative($0.displayPath), source: $0.source) }
        let notes = discovered.diagnostics.map { Diagnostic($0.level, file: relative($0.file), at: $0.position, $0.message) }
        return (files, notes)
    }

    /// A proposal against the base: each change replaces (or adds) one file, by its name
    /// relative to the root, or deletes it when its content is nil.
    public static func proposal(base: [InputFile], baseNotes: [Diagnostic] = [], changes: [(path: String, content: [UInt8]?)]) -> ChangeSides {
        var head = base
        for change in changes {
            head.removeAll { $0.displayPath == change.path }
            if let content = change.content { head.append(InputFile(displayPath: change.path, source: .content(content))) }
        }
        head.sort { $0.displayPath < $1.displayPath }
        return ChangeSides(base: base, head: head, baseNotes: baseNotes)
    }
}

extension ChangeActor {
    /// Who the user says proposed a change, or `auto` to find out.
    public enum Choice: String, Sendable, CaseIterable {
        case human, agent, auto
    }

    /// The actor of a change, one way for the command line and the agent interface: as
    /// declared, or for `auto` an agent when the head is a proposal (`proposal` says
    /// whose) or when a commit since `base` says so, else a human.
    public static func resolve(_ choice: Choice, proposal: String?, root: String, base: String?, head: String?,
                               recognition: AgentRecognition) throws -> (ChangeActor, String?) {
        switch choice {
        case .human: return (.human, nil)
        case .agent: return (.agent, proposal)
        case .auto:
            if let proposal { return (.agent, proposal) }
            guard let base else { return (.human, nil) }
            return try ofCommits(root: root, base: base, head: head, recognition: recognition)
        }
    }

    /// Who made the commits between `base` and `head` (default HEAD): an agent when any
    /// commit's author or trailers say so, with the evidence; otherwise a human.
    public static func ofCommits(root: String, base: String, head: String?, recognition: AgentRecognition) throws -> (ChangeActor, String?) {
        let commits = try GitRevision(workingDirectory: root, revision: head ?? "HEAD").commits(since: base)
        for commit in commits where recognition.isAgentCommit(author: commit.author, email: commit.email, message: commit.message) {
            return (.agent, "commit \(commit.id.prefix(12)) by \(commit.author) <\(commit.email)> looks agent-authored")
        }
        return (.human, nil)
    }
}
