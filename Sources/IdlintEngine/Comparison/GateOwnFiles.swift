/// idlint's own files in a change: its configuration, baselines, suppression files and
/// rule folders. Changing them changes what the gate checks, so the gate treats such a
/// change as a sensitive surface of its own instead of reading it as configuration.
struct GateOwnFiles {
    static let names: Set<String> = [".idlint.yaml", ".idlint.yml", ".idlint-baseline.json"]
    var configuration: ScanConfiguration

    func isOwn(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if Self.names.contains(name) { return true }
        let named = ([configuration.baselinePath, configuration.suppressions.baselineSource].compactMap { $0 } + configuration.suppressions.sources)
            .map(normalisedRelativePath)
        if named.contains(normalisedRelativePath(path)) { return true }
        return configuration.ruleDirectories.map(normalisedRelativePath).contains { folder in
            !folder.isEmpty && normalisedRelativePath(path).hasPrefix(folder + "/")
        }
    }

    /// Own files whose bytes differ between the sides, or that only one side has.
    func changed(base: [InputFile], head: [InputFile], bytes: (InputFile) -> [UInt8]) -> [String] {
        let before = Dictionary(base.filter { isOwn($0.displayPath) }.map { ($0.displayPath, bytes($0)) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(head.filter { isOwn($0.displayPath) }.map { ($0.displayPath, bytes($0)) }, uniquingKeysWith: { first, _ in first })
        return Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    }
}
