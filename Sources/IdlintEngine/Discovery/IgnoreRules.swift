/// `.gitignore`-style patterns: `#` comments, `!` negation, a trailing `/` for folders
/// only, a leading or inner `/` anchoring the pattern to its base folder. The same
/// semantics serve `--exclude` and the config's `exclude` list.
public struct IgnoreRules: Sendable {
    struct Pattern: Sendable {
        var glob: GlobPattern
        var negated: Bool
        var directoryOnly: Bool
    }

    private(set) var patterns: [Pattern] = []

    public init() {}

    public init(patterns lines: [String], base: String = "") {
        add(lines: lines, base: base)
    }

    public mutating func add(lines: [String], base: String) {
        for rawLine in lines {
            var line = Substring(rawLine)
            while let last = line.last, last == " " || last == "\r" || last == "\t" { line.removeLast() }
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            var negated = false
            if line.hasPrefix("!") {
                negated = true
                line.removeFirst()
            }
            if line.hasPrefix("\\") { line.removeFirst() }
            var directoryOnly = false
            if line.hasSuffix("/") {
                directoryOnly = true
                line.removeLast()
            }
            let anchored = line.dropLast().contains("/")
            if line.hasPrefix("/") { line.removeFirst() }
            guard !line.isEmpty else { continue }
            let body = anchored ? String(line) : "**/" + line
            let full = base.isEmpty ? body : base + "/" + body
            patterns.append(Pattern(glob: GlobPattern(full), negated: negated, directoryOnly: directoryOnly))
        }
    }

    /// Whether `relativePath` (from the scan root, `/`-separated) is ignored. The last
    /// matching pattern decides, as in git.
    public func isIgnored(_ relativePath: String, isDirectory: Bool) -> Bool {
        var ignored = false
        for pattern in patterns where !pattern.directoryOnly || isDirectory {
            if pattern.glob.matches(relativePath) { ignored = !pattern.negated }
        }
        return ignored
    }

    /// Whether a file is left out by its own path or by any folder above it, as a walk
    /// that never enters an ignored folder decides: for paths listed whole (a git tree),
    /// where no walk passes through the folders.
    public func isIgnoredWithFolders(_ relativePath: String) -> Bool {
        var folder = ""
        for component in relativePath.split(separator: "/").dropLast() {
            folder = folder.isEmpty ? String(component) : folder + "/" + component
            if isIgnored(folder, isDirectory: true) { return true }
        }
        return isIgnored(relativePath, isDirectory: false)
    }

    public var isEmpty: Bool { patterns.isEmpty }
}
