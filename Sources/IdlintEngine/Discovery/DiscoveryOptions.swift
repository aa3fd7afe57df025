/// What discovery looks for and what it leaves alone.
public struct DiscoveryOptions: Sendable {
    /// File extensions read by default, lower-case, without the dot.
    public var extensions: Set<String> = ["yaml", "yml", "json", "xml", "tf"]
    /// Exact file names read whatever their extension (from config).
    public var extraNames: Set<String> = []
    public var exclude = IgnoreRules()
    public var honourGitignore = true
    /// Files larger than this are skipped with a note.
    public var maxFileBytes: Int = 64 * 1024 * 1024

    public init() {}

    /// Whether a file of this name is read: a listed name, or a listed extension.
    public func isCandidate(name: String) -> Bool {
        if extraNames.contains(name) { return true }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return extensions.contains(name[name.index(after: dot)...].lowercased())
    }
}
