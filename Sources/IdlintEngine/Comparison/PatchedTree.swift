import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Applies a unified diff that an agent produced to the base, in a scratch folder of
/// idlint's own that is removed afterwards: the user's tree is never touched. Uses the
/// real `git apply`, limited to the files idlint reads, under `Git`'s fixed configuration.
///
/// The scratch repository is made before any base file is written, with no template,
/// and a base path that would land in repository metadata (`.git` anywhere in it) is
/// refused: a hostile base tree cannot plant configuration, attributes or hooks there.
/// The patch is read like any input (a regular file, capped) and handed to git on its
/// standard input, so a FIFO or `/dev/zero` cannot block or exhaust idlint.
public enum PatchedTree {
    public static func apply(patch patchPath: String, to base: [InputFile], options: DiscoveryOptions) throws -> (files: [InputFile], diagnostics: [Diagnostic]) {
        let patch: [UInt8]
        do {
            patch = try FileReader.read(path: patchPath, maxBytes: options.maxFileBytes)
        } catch let error as FileReader.ReadError {
            throw GitRevision.Failure(message: "--patch \(patchPath): \(error.message)")
        }
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try Git.run(["init", "-q", "--template=", scratch.path], in: scratch.path, revision: "patch")
        for file in base {
            try refuseOutsideWorkTree(file.displayPath)
            let bytes = try file.read(maxBytes: options.maxFileBytes)
            let target = scratch.path + "/" + file.displayPath
            try FileManager.default.createDirectory(atPath: String(target[..<target.lastIndex(of: "/")!]), withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            guard FileManager.default.createFile(atPath: target, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
                throw GitRevision.Failure(message: "cannot write the scratch copy of \(file.displayPath)")
            }
        }
        let includes = options.extensions.sorted().map { "--include=*.\($0)" } + options.extraNames.sorted().map { "--include=*\($0)" }
        try Git.run(["apply", "--whitespace=nowarn"] + includes + ["-"], in: scratch.path, revision: "patch", input: patch)
        var scratchOptions = options
        scratchOptions.honourGitignore = false
        let discovered = FileDiscovery(options: scratchOptions).discover([scratch.path])
        func relative(_ path: String) -> String { relativePath(path, to: scratch.path) ?? path }
        let files = try discovered.files.map { file in
            guard case .path(let path) = file.source else { return file }
            let bytes = try FileReader.read(path: path, maxBytes: options.maxFileBytes)
            return InputFile(displayPath: relative(path), source: .content(bytes))
        }
        let notes = discovered.diagnostics.map { Diagnostic($0.level, file: relative($0.file), at: $0.position, $0.message) }
        return (files, notes)
    }

    /// A base path must stay inside the work tree and out of any repository metadata.
    static func refuseOutsideWorkTree(_ path: String) throws {
        let components = path.split(separator: "/")
        guard !path.hasPrefix("/"), !components.isEmpty, !components.contains(".."),
              !components.contains(where: { $0.lowercased() == ".git" }) else {
            throw GitRevision.Failure(message: "refusing to write \(path) into the scratch copy: it leaves the work tree or enters repository metadata")
        }
    }
}

/// A private folder of idlint's own (mode 0700), registered so that a signal removes it.
struct ScratchFolder {
    let path: String

    init() throws {
        // $TMPDIR, or /tmp when it is unset.
        let temporary = FileManager.default.temporaryDirectory.path
        var template = Array(((temporary.hasSuffix("/") ? temporary : temporary + "/") + "idlint-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else {
            throw GitRevision.Failure(message: "cannot make a scratch folder: \(String(cString: strerror(errno)))")
        }
        // mkdtemp makes it 0700: nobody else can read the copies of the user's files.
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        ChildProcesses.shared.created(folder: path)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
        ChildProcesses.shared.removed(folder: path)
    }
}
