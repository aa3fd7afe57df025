import IdlintSyntax

/// The kustomizations of a scan and how they include one another, resolved among the
/// scanned files only: idlint opens no connection and reads nothing it was not given.
/// Each kustomization that no other includes is an overlay, and an environment of its
/// own; every file an overlay reaches, directly or through a base, is judged as part of
/// that overlay, once per overlay, and never on its own (see `KustomizeBuild`).
struct KustomizeTree: Sendable {
    /// What a resource entry names, once resolved.
    enum Reference: Sendable, Equatable {
        case file(String)
        case kustomization(String)
        /// Remote, outside the scanned tree, or missing: named in a note.
        case unread
    }

    let kustomizations: [String: Kustomization]
    /// Overlays, by kustomization file, in sorted order.
    let roots: [String]
    /// Files that overlays build from (resources), and files they lay over them (patches).
    let builtFiles: Set<String>
    let patchFiles: Set<String>
    private(set) var diagnostics: [Diagnostic] = []
    private let references: [String: [Reference]]

    init(_ kustomizations: [Kustomization], scanned: Set<String>) {
        var byFile: [String: Kustomization] = [:]
        for kustomization in kustomizations { byFile[kustomization.file] = kustomization }
        self.kustomizations = byFile
        var byFolder: [String: String] = [:]
        for file in byFile.keys.sorted(by: >) { byFolder[Self.folder(of: file)] = file }
        var references: [String: [Reference]] = [:]
        var included: Set<String> = []
        var patchFiles: Set<String> = []
        var diagnostics: [Diagnostic] = []
        for kustomization in kustomizations {
            var resolved: [Reference] = []
            for resource in kustomization.resources {
                let reference = Self.resolve(resource, in: kustomization, scanned: scanned, byFolder: byFolder, diagnostics: &diagnostics)
                if case .kustomization(let file) = reference { included.insert(file) }
                resolved.append(reference)
            }
            references[kustomization.file] = resolved
            for patch in kustomization.patches {
                guard case .file(let path) = patch.content else { continue }
                if let file = pathInsideTree(kustomization.folder, path), scanned.contains(file) {
                    patchFiles.insert(file)
                } else {
                    diagnostics.append(Diagnostic(.note, file: kustomization.file, at: patch.place.span.start,
                                                  "patch '\(path)' is not among the scanned files (outside the scanned folder, excluded or missing): the overlay is judged without it"))
                }
            }
        }
        self.references = references
        self.patchFiles = patchFiles
        self.diagnostics = diagnostics
        // Overlays: kustomizations nothing includes. A cycle has none, so what the walk
        // from them leaves unreached is taken as an overlay too: never silently unread.
        var roots = byFile.keys.filter { !included.contains($0) }.sorted()
        var reached = Set<String>()
        func reach(_ file: String) {
            guard reached.insert(file).inserted else { return }
            for case .kustomization(let next) in references[file] ?? [] { reach(next) }
        }
        roots.forEach(reach)
        for file in byFile.keys.sorted() where !reached.contains(file) {
            roots.append(file)
            reach(file)
        }
        self.roots = roots
        var built = Set<String>()
        for references in references.values {
            for case .file(let file) in references { built.insert(file) }
        }
        builtFiles = built
    }

    func references(of kustomization: String) -> [Reference] {
        references[kustomization] ?? []
    }

    /// The environment an overlay builds: the one its place in the tree names
    /// (`overlays/staging`), else its folder; nil for the scanned folder itself.
    static func environment(of root: String) -> String? {
        let named = Environment.of(file: root).name
        if !named.isEmpty { return named }
        let folder = folder(of: root)
        return folder.isEmpty ? nil : folder
    }

    private static func resolve(_ resource: Kustomization.Resource, in kustomization: Kustomization, scanned: Set<String>,
                                byFolder: [String: String], diagnostics: inout [Diagnostic]) -> Reference {
        let path = resource.path
        let remote = path.contains("://") || path.hasPrefix("git@") || path.hasPrefix("git::") || path.contains("?ref=")
            || ["github.com/", "gitlab.com/", "bitbucket.org/"].contains { path.hasPrefix($0) }
        if remote {
            diagnostics.append(Diagnostic(.note, file: kustomization.file, at: resource.place.span.start,
                                          "remote resource '\(path)' is not fetched (idlint opens no connection): what it holds is not judged"))
            return .unread
        }
        if let file = pathInsideTree(kustomization.folder, path) {
            if scanned.contains(file) { return .file(file) }
            if let nested = byFolder[file] { return .kustomization(nested) }
        }
        diagnostics.append(Diagnostic(.note, file: kustomization.file, at: resource.place.span.start,
                                      "resource '\(path)' is not among the scanned files (outside the scanned folder, excluded, or a folder without a kustomization): what it holds is not judged here"))
        return .unread
    }

    /// The folder of a file as discovery names it; empty for the scanned folder itself.
    static func folder(of file: String) -> String {
        file.lastIndex(of: "/").map { String(file[..<$0]) } ?? ""
    }
}
