import FoundationEssentials

/// Reads the files of a git revision through the real `git`, into memory: nothing is
/// checked out and nothing in the repository is written.
public struct GitRevision: Sendable {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }

        /// git's own messages can quote a remote URL with its credentials: redacted here.
        public init(message: String) {
            self.message = Redaction.scrub(message)
        }
    }

    /// A folder inside the repository; paths are given and shown relative to it.
    public var workingDirectory: String
    public var revision: String

    public init(workingDirectory: String, revision: String) {
        self.workingDirectory = workingDirectory
        self.revision = revision
    }

    /// A revision is handed to git as an argument: one that starts with '-' would be read
    /// as an option, and control characters or spaces have no place in a revision, so
    /// both are refused before git runs (revisions can come from an agent).
    static func check(_ revision: String) throws {
        guard !revision.isEmpty, revision.utf8.count <= 256, !revision.hasPrefix("-"),
              revision.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F })
        else { throw Failure(message: "'\(revision.prefix(80))' is not a git revision") }
    }

    /// The candidate files of the revision below `paths` (relative to the working
    /// directory), with their contents, as discovery would pick them in a working tree.
    public func files(paths: [String], options: DiscoveryOptions) throws -> (files: [InputFile], diagnostics: [Diagnostic]) {
        try Self.check(revision)
        let prefix = try git(["rev-parse", "--show-prefix"]).trimmingWhitespace()
        _ = try git(["rev-parse", "--verify", "--quiet", revision + "^{commit}"])
        let listing = try git(["ls-tree", "-r", "-z", "-l", "--full-name", revision, "--"] + (paths.isEmpty ? ["."] : paths))
        var wanted: [(path: String, object: String)] = []
        var diagnostics: [Diagnostic] = []
        for entry in listing.split(separator: "\0") {
            // "<mode> blob <object> <size>\t<path>"
            guard let tab = entry.firstIndex(of: "\t") else { continue }
            let fields = entry[..<tab].split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 4, fields[1] == "blob", fields[0] != "120000" else { continue }
            var path = String(entry[entry.index(after: tab)...])
            if !prefix.isEmpty, path.hasPrefix(prefix) { path.removeFirst(prefix.count) }
            let name = path.split(separator: "/").last.map(String.init) ?? path
            // Folder patterns (`charts/**/templates/`) exclude what is below them, as in a walk;
            // downloaded Terraform modules are never the project's own configuration.
            // A name without an extension is kept for its content, judged once it is read.
            guard options.isCandidate(path: path) || ContentSniff.appliesTo(name: name), !options.exclude.isIgnoredWithFolders(path),
                  !path.split(separator: "/").dropLast().contains(where: { DiscoveryOptions.skippedFolders.contains(String($0)) }) else { continue }
            if let size = Int(fields[3]), size > options.maxFileBytes {
                if options.isCandidate(path: path) { diagnostics.append(options.oversized(path, bytes: size)) }
                continue
            }
            wanted.append((path, String(fields[2])))
        }
        let contents = try blobs(wanted.map(\.object))
        let files = zip(wanted, contents).compactMap { file, bytes -> InputFile? in
            // As discovery does in a working tree: a file without an extension only when it is a policy.
            guard options.isCandidate(path: file.path) || ContentSniff.looksLikeAWSPolicy(bytes) else { return nil }
            return InputFile(displayPath: file.path, source: .content(bytes))
        }
        return (files.sorted { $0.displayPath < $1.displayPath }, diagnostics)
    }

    /// One file of the revision by its path relative to the working directory, or nil when
    /// the revision has none there (idlint's own configuration, read whatever excludes say).
    public func file(_ path: String, maxBytes: Int) throws -> [UInt8]? {
        try Self.check(revision)
        let listing = try git(["ls-tree", "-z", "-l", revision, "--", path])
        guard let entry = listing.split(separator: "\0").first, let tab = entry.firstIndex(of: "\t") else { return nil }
        let fields = entry[..<tab].split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 4, fields[1] == "blob" else { return nil }
        if let size = Int(fields[3]), size > maxBytes { throw Failure(message: "\(path) at \(revision) is over the \(maxBytes)-byte limit") }
        return try blobs([String(fields[2])]).first
    }

    /// Reads blobs with one `git cat-file --batch`.
    private func blobs(_ objects: [String]) throws -> [[UInt8]] {
        guard !objects.isEmpty else { return [] }
        let output = try run(["cat-file", "--batch"], input: Array((objects.joined(separator: "\n") + "\n").utf8))
        var results: [[UInt8]] = []
        var index = output.startIndex
        for _ in objects {
            guard index < output.count, let newline = output[index...].firstIndex(of: 0x0A) else { throw Failure(message: "git cat-file: truncated output") }
            let header = String(decoding: output[index..<newline], as: UTF8.self).split(separator: " ")
            // "<object> missing": the object is not in this repository (a partial clone), and
            // it is never fetched; the side cannot be read, so the comparison fails.
            guard header.count == 3, let size = Int(header[2]) else { throw Failure(message: "git cat-file: \(header.joined(separator: " ")); objects are never fetched") }
            let start = newline + 1
            guard size <= output.count - start else { throw Failure(message: "git cat-file: truncated output") }
            results.append(Array(output[start..<start + size]))
            index = start + size + 1
        }
        return results
    }

    private func git(_ arguments: [String]) throws -> String {
        String(decoding: try run(arguments, input: nil), as: UTF8.self)
    }

    private func run(_ arguments: [String], input: [UInt8]?) throws -> [UInt8] {
        try Git.run(arguments, in: workingDirectory, revision: revision, input: input)
    }

    /// The commits after `base` up to this revision: who wrote them and what they say.
    public func commits(since base: String) throws -> [(id: String, author: String, email: String, message: String)] {
        try Self.check(revision)
        try Self.check(base)
        // -z ends each commit with NUL, which no message can hold; the message is the last
        // field, so separators inside it cannot shift the others.
        let log = try git(["log", "--no-show-signature", "--no-mailmap", "-z", "--format=%H%x1f%an%x1f%ae%x1f%B", "\(base)..\(revision)"])
        return log.split(separator: "\0").compactMap { record in
            let fields = record.split(separator: "\u{1F}", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4 else { return nil }
            return (String(fields[0]).trimmingWhitespace(), String(fields[1]), String(fields[2]), String(fields[3]))
        }
    }
}

/// Runs `git` read-only (or, for `PatchedTree`, inside idlint's own scratch folder),
/// never on the scanned repository's terms. A hostile repository's configuration can name
/// programs (`gpg.program` with `log.showSignature`, `core.fsmonitor`, `core.sshCommand`,
/// hooks, filters, external diffs, credential helpers) and remotes (a promisor remote that
/// a partial clone fetches missing objects from). Every call therefore runs with:
/// - an environment of our own: no system or global configuration, no inherited `GIT_*`;
/// - command-line configuration, which outranks the repository's, switching off each
///   setting that runs a program;
/// - no transport allowed at all (`GIT_ALLOW_PROTOCOL` empty overrides every
///   `protocol.*` setting), so a missing object is an error, never a fetch.
/// Only plumbing that reads objects is used (`ls-tree`, `cat-file`, `log --format`).
enum Git {
    static let hardenedConfiguration: [String] = [
        "core.fsmonitor=false", "core.hooksPath=/dev/null", "core.pager=cat", "core.askPass=", "core.sshCommand=false",
        "core.untrackedCache=false", "credential.helper=", "diff.external=", "log.showSignature=false", "gpg.program=false",
        "protocol.allow=never", "submodule.recurse=false", "fetch.recurseSubmodules=false", "maintenance.auto=false", "gc.auto=0",
    ].flatMap { ["-c", $0] }

    static func environment(_ inherited: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        [
            "PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "LC_ALL": "C",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_ATTR_NOSYSTEM": "1",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_ALLOW_PROTOCOL": "",
            "GIT_PROTOCOL_FROM_USER": "0",
            "GIT_NO_LAZY_FETCH": "1",
            "GIT_NO_REPLACE_OBJECTS": "1",
            "GIT_OPTIONAL_LOCKS": "0",
            "GIT_PAGER": "cat",
            "HOME": "/nonexistent",
        ]
    }

    @discardableResult
    static func run(_ arguments: [String], in directory: String, revision: String, input: [UInt8]? = nil) throws -> [UInt8] {
        let outcome: SpawnedCommand.Outcome
        do {
            outcome = try SpawnedCommand.run("/usr/bin/env", arguments: ["git", "--no-pager", "-C", directory] + hardenedConfiguration + arguments,
                                             environment: environment(), input: input)
        } catch {
            throw GitRevision.Failure(message: "cannot run git: \(error.message)")
        }
        guard outcome.status == 0 else {
            let detail = String(decoding: outcome.errors, as: UTF8.self).trimmingWhitespace()
            throw GitRevision.Failure(message: "git \(arguments.first ?? "") failed for '\(revision)'\(detail.isEmpty ? "" : ": " + detail)")
        }
        return outcome.output
    }
}
