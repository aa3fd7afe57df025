/// What discovery looks for and what it leaves alone.
public struct DiscoveryOptions: Sendable {
    /// File extensions read by default, lower-case, without the dot.
    public var extensions: Set<String> = ["yaml", "yml", "json", "jsonc", "jsonl", "ndjson", "xml", "tf"]
    /// Exact file names read whatever their extension (from config).
    public var extraNames: Set<String> = []
    public var exclude = IgnoreRules()
    public var honourGitignore = true
    /// Files larger than this are not read, and that is an error: padding a file past the
    /// cap must not hide what it holds.
    public var maxFileBytes: Int = 64 * 1024 * 1024

    /// Folders never walked: git's own, and `.terraform` (Terraform's downloaded copies of
    /// modules and providers, which would repeat their findings in every project).
    public static let skippedFolders: Set<String> = [".git", ".terraform"]

    public init() {}

    /// Files read for the folder they sit in, whatever their extension: an agent's own
    /// settings, whose name alone (`config.toml`) says nothing. Other TOML files (Cargo,
    /// pyproject) are not identity configuration and are not read.
    public static let namesReadInFolder: [(folder: String, name: String)] = [(".codex", "config.toml")]

    /// Whether the file at `path` is read: a listed name, a listed extension, or a name
    /// read in its folder (`.codex/config.toml`).
    public func isCandidate(path: String) -> Bool {
        // Only the name and its folder are read, from the end: splitting every path of a
        // walk into all of its parts was most of what discovery spent on each file.
        let (name, folder) = Self.nameAndFolder(path)
        if let folder, Self.namesReadInFolder.contains(where: { $0.name == name && $0.folder == folder }) { return true }
        return isCandidate(name: String(name))
    }

    /// The last part of a path and the part before it, slashes repeated or trailing
    /// skipped; a path with no part is its own name.
    static func nameAndFolder(_ path: String) -> (name: Substring, folder: Substring?) {
        func lastPart(of text: Substring) -> (part: Substring, before: Substring)? {
            var text = text
            while text.last == "/" { text = text.dropLast() }
            guard !text.isEmpty else { return nil }
            let start = text.lastIndex(of: "/").map { text.index(after: $0) } ?? text.startIndex
            return (text[start...], text[..<start])
        }
        guard let (name, before) = lastPart(of: path[...]) else { return (path[...], nil) }
        return (name, lastPart(of: before)?.part)
    }

    /// Whether a file of this name is read: a listed name, or a listed extension.
    func isCandidate(name: String) -> Bool {
        if extraNames.contains(name) || name == "Kustomization" { return true }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return extensions.contains(name[name.index(after: dot)...].lowercased())
    }

    /// The error for a candidate over the size cap, one wording for every side of a scan.
    public func oversized(_ file: String, bytes: Int) -> Diagnostic {
        Diagnostic(.error, file: file, "not read: \(bytes) bytes is over the \(maxFileBytes)-byte limit (max-file-size); raise the limit or exclude the file")
    }
}
