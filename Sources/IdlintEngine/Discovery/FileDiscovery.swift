#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks the given paths and yields each candidate file once, in a deterministic order.
/// Honours `.gitignore` files and exclude patterns, never follows a symbolic link to a
/// folder, and follows a link to a file only when the target stays inside the scanned
/// root. Fails closed: a folder it cannot list, a candidate it cannot stat, an oversized
/// or non-regular candidate is an error, never a silent skip, unless the user excluded it.
public struct FileDiscovery: Sendable {
    public var options: DiscoveryOptions

    public init(options: DiscoveryOptions) {
        self.options = options
    }

    public struct Result: Sendable {
        public var files: [InputFile] = []
        public var diagnostics: [Diagnostic] = []
        /// What the walk left out on purpose: folders (with a trailing `/`, not entered)
        /// and candidate files that an exclude pattern or a `.gitignore` names, and the
        /// `.terraform/` folders idlint never enters; said, not silent.
        public var excluded: [String] = []
    }

    public func discover(_ paths: [String]) -> Result {
        var result = Result()
        var seen = Set<String>()
        for path in paths {
            if path == "-" {
                result.files.append(InputFile(displayPath: "<stdin>", source: .standardInput))
                continue
            }
            // A path the user names is followed even if it is a symbolic link.
            var status = stat()
            guard stat(path, &status) == 0 else {
                result.diagnostics.append(Diagnostic(.error, file: path, "cannot read: \(Self.errorText(errno))"))
                continue
            }
            if Self.isDirectory(status) {
                walk(root: path, into: &result, seen: &seen)
            } else {
                // A file named on the command line is read whatever its extension.
                consider(path: path, display: Self.display(path), root: nil, status: status, explicit: true, into: &result, seen: &seen)
            }
        }
        return result
    }

    private func walk(root: String, into result: inout Result, seen: inout Set<String>) {
        guard let rootReal = Self.realPath(root) else {
            result.diagnostics.append(Diagnostic(.error, file: root, "cannot resolve folder: \(Self.errorText(errno))"))
            return
        }
        var ignore = options.exclude
        // Folders to visit: path on disk and path relative to the root.
        var stack: [(path: String, relative: String)] = [(root, "")]
        while let (folder, relative) = stack.popLast() {
            if options.honourGitignore {
                let gitignore = Self.join(folder, ".gitignore")
                var gitignoreStatus = stat()
                // Only a regular file: a FIFO named .gitignore would block the read forever.
                if lstat(gitignore, &gitignoreStatus) == 0, Self.isRegularFile(gitignoreStatus),
                   let text = try? FileReader.read(path: gitignore, maxBytes: 1 << 20) {
                    ignore.add(lines: String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init), base: relative)
                }
            }
            let entries: [String]
            do {
                entries = try Self.listFolder(folder)
            } catch {
                // Its files would otherwise vanish from the scan, and in a diff show as fixed.
                result.diagnostics.append(Diagnostic(.error, file: Self.display(folder), "cannot read folder: \(error.message); exclude it if it holds no configuration"))
                continue
            }
            var subfolders: [(String, String)] = []
            for name in entries where name != "." && name != ".." {
                let path = Self.join(folder, name)
                if DiscoveryOptions.skippedFolders.contains(name) {
                    // Nobody expects `.git/` read; downloaded modules are worth saying.
                    if name != ".git" { result.excluded.append(Self.display(path) + "/") }
                    continue
                }
                let relativePath = relative.isEmpty ? name : relative + "/" + name
                var status = stat()
                guard lstat(path, &status) == 0 else {
                    result.diagnostics.append(Diagnostic(.error, file: Self.display(path), "cannot read: \(Self.errorText(errno))"))
                    continue
                }
                if Self.isDirectory(status) {
                    if !ignore.isIgnored(relativePath, isDirectory: true) {
                        subfolders.append((path, relativePath))
                    } else {
                        result.excluded.append(Self.display(path) + "/")
                    }
                } else if Self.isSymbolicLink(status) {
                    consider(link: path, relative: relativePath, rootReal: rootReal, ignore: ignore, into: &result, seen: &seen)
                } else if !ignore.isIgnored(relativePath, isDirectory: false) {
                    consider(path: path, display: Self.display(path), root: rootReal, status: status, explicit: false, into: &result, seen: &seen)
                } else if isCandidate(path: path) {
                    result.excluded.append(Self.display(path))
                }
            }
            // Reverse so that popping visits folders in sorted order.
            stack.append(contentsOf: subfolders.reversed())
        }
    }

    private func consider(link path: String, relative: String, rootReal: String, ignore: IgnoreRules, into result: inout Result, seen: inout Set<String>) {
        guard !ignore.isIgnored(relative, isDirectory: false), isCandidate(path: path) else { return }
        guard let target = Self.realPath(path) else {
            result.diagnostics.append(Diagnostic(.note, file: Self.display(path), "symbolic link skipped: \(Self.errorText(errno))"))
            return
        }
        guard target == rootReal || target.hasPrefix(rootReal + "/") else {
            result.diagnostics.append(Diagnostic(.note, file: Self.display(path), "symbolic link skipped: it points outside the scanned folder"))
            return
        }
        var status = stat()
        guard stat(target, &status) == 0, !Self.isDirectory(status) else {
            result.diagnostics.append(Diagnostic(.note, file: Self.display(path), "symbolic link to a folder not followed"))
            return
        }
        consider(path: path, display: Self.display(path), root: rootReal, status: status, explicit: true, into: &result, seen: &seen)
    }

    private func consider(path: String, display: String, root: String?, status: stat, explicit: Bool, into result: inout Result, seen: inout Set<String>) {
        let name = Self.baseName(path)
        let sniffed = !explicit && !isCandidate(path: path) && ContentSniff.appliesTo(name: name)
        guard explicit || sniffed || isCandidate(path: path) else { return }
        // A file without an extension is read when its first bytes are a policy; only a
        // regular file is opened for that, and one it cannot open is simply not a candidate.
        if sniffed {
            guard Self.isRegularFile(status), Int(status.st_size) <= options.maxFileBytes,
                  let prefix = try? FileReader.readPrefix(path: path, count: ContentSniff.prefixBytes),
                  ContentSniff.startsJSONObject(prefix) else { return }
            if !ContentSniff.looksLikeAWSPolicy(prefix) {
                guard Int(status.st_size) > prefix.count, let whole = try? FileReader.read(path: path, maxBytes: options.maxFileBytes),
                      ContentSniff.looksLikeAWSPolicy(whole) else { return }
            }
        }
        guard Self.isRegularFile(status) else {
            // A FIFO or device named like configuration is refused, never read (it could block).
            result.diagnostics.append(Diagnostic(.error, file: display, "cannot scan: not a regular file"))
            return
        }
        // Device and inode identify the file itself, so a link and its target are read once.
        guard seen.insert("\(status.st_dev):\(status.st_ino)").inserted else { return }
        let size = Int(status.st_size)
        guard size <= options.maxFileBytes else {
            result.diagnostics.append(options.oversized(display, bytes: size))
            return
        }
        result.files.append(InputFile(displayPath: display, source: .path(path)))
    }

    private func isCandidate(path: String) -> Bool {
        options.isCandidate(path: path)
    }

    // MARK: - File system helpers

    struct FolderError: Error {
        var message: String
    }

    private static func listFolder(_ path: String) throws(FolderError) -> [String] {
        guard let handle = opendir(path) else { throw FolderError(message: errorText(errno)) }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            names.append(name)
        }
        return names.sorted()
    }

    /// The path with every symbolic link resolved, nil when it cannot be.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func display(_ path: String) -> String {
        var trimmed = path
        while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        return trimmed.isEmpty ? path : trimmed
    }

    private static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    private static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    private static func isDirectory(_ status: stat) -> Bool { status.st_mode & S_IFMT == S_IFDIR }
    private static func isSymbolicLink(_ status: stat) -> Bool { status.st_mode & S_IFMT == S_IFLNK }
    private static func isRegularFile(_ status: stat) -> Bool { status.st_mode & S_IFMT == S_IFREG }

    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
