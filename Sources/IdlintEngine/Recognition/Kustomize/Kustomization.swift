import IdlintSyntax

/// One kustomization file, read for what changes identity objects: the resources it
/// builds on, the namespace and name affixes it sets, and its patches. What else it says
/// that could change them (generators, components, labels ...) is named in a note, never
/// silently passed over.
struct Kustomization: Sendable {
    /// A resource entry as written: a file, a folder holding a kustomization, or a remote one.
    struct Resource: Sendable {
        var path: String
        var place: SourceLocation
    }

    /// What a patch selects, as `target` writes it.
    struct Target: Sendable {
        var kind: String?
        var name: String?
        var namespace: String?
        /// Selectors by label or annotation, which idlint does not evaluate.
        var selects: Bool = false
    }

    struct Patch: Sendable {
        enum Content: Sendable {
            /// Written inside the kustomization (`patch: |-`), already parsed.
            case inline([Document])
            /// A file, relative to the kustomization's folder.
            case file(String)
        }

        var content: Content
        var target: Target?
        var place: SourceLocation
    }

    let file: String
    let folder: String
    var resources: [Resource] = []
    var namespace: PlacedNode?
    var namePrefix = ""
    var nameSuffix = ""
    /// `commonLabels` and `labels[].pairs`: added to every object's metadata labels.
    var labels: [(key: PlacedNode, value: PlacedNode)] = []
    var patches: [Patch] = []
    var diagnostics: [Diagnostic] = []

    /// The file names kustomize reads as a kustomization.
    static let fileNames: Set<String> = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    static func isKustomization(_ path: String) -> Bool {
        // Asked of every input file: the name is found from the end, not by splitting.
        let name = path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? path[...]
        return fileNames.contains(String(name))
    }

    /// Keys that cannot change an identity object, or that idlint reads.
    private static let understood: Set<String> = [
        "apiVersion", "kind", "metadata", "resources", "bases", "namespace", "namePrefix", "nameSuffix", "patches",
        "patchesStrategicMerge", "patchesJson6902", "images", "replicas", "configMapGenerator", "generatorOptions",
        "buildMetadata", "sortOptions", "commonLabels", "labels",
    ]

    init(_ document: Document, limits: ParseLimits) {
        file = document.file
        folder = KustomizeTree.folder(of: document.file)
        let root = document.root
        guard root.isMapping else {
            if !root.isNull { diagnostics.append(Diagnostic(.warning, file: file, at: root.start, "a kustomization must be a mapping; nothing of it was read")) }
            return
        }
        for key in root.entries.map(\.key) where key.isScalar && !Self.understood.contains(key.text) {
            diagnostics.append(Diagnostic(.note, file: file, at: key.start,
                                          "kustomization '\(key.text)' is not read: objects it generates or changes are judged as their files write them, or not at all"))
        }
        for key in ["resources", "bases"] {
            for entry in root[key]?.elements ?? [] {
                if entry.isScalar, !entry.isNull { resources.append(Resource(path: entry.text, place: entry.location)) }
            }
        }
        if let namespace = root["namespace"], namespace.isScalar, !namespace.isNull { self.namespace = PlacedNode(namespace) }
        namePrefix = root.string("namePrefix") ?? ""
        nameSuffix = root.string("nameSuffix") ?? ""
        // Labels decide a ClusterRole's aggregation and whether an account reads as an
        // agent, so an overlay's labels are applied, not merely noted.
        let labelMaps = [root["commonLabels"]].compactMap { $0 } + (root["labels"]?.elements ?? []).compactMap { $0["pairs"] }
        for map in labelMaps {
            guard map.isMapping else {
                diagnostics.append(Diagnostic(.warning, file: file, at: map.start, "labels must be a mapping of names to values; not applied"))
                continue
            }
            for entry in map.entries where entry.key.isScalar && entry.value.isScalar {
                labels.append((PlacedNode(entry.key), PlacedNode(entry.value)))
            }
        }
        for entry in root["patchesStrategicMerge"]?.elements ?? [] {
            // A block under `- |-` is indented one step past the dash, two before the bar.
            readPatch(entry, indent: Int(entry.start.column) - 1, limits: limits)
        }
        for key in ["patchesJson6902", "patches"] {
            for entry in root[key]?.elements ?? [] {
                guard entry.isMapping else {
                    diagnostics.append(Diagnostic(.warning, file: file, at: entry.start, "a \(key) entry must be a mapping with 'path' or 'patch'; not applied"))
                    continue
                }
                if let path = entry["path"], path.isScalar {
                    readPatch(path, target: entry["target"], limits: limits)
                } else if let patch = entry.entry("patch"), patch.value.isScalar {
                    // A block under `patch: |-` is indented one step past its key.
                    readPatch(patch.value, target: entry["target"], inline: true, indent: Int(patch.key.start.column) + 1, limits: limits)
                } else {
                    diagnostics.append(Diagnostic(.warning, file: file, at: entry.start, "a \(key) entry without 'path' or 'patch' changes nothing; not applied"))
                }
            }
        }
    }

    /// A patch entry: a path to a file, or (in `patchesStrategicMerge`, or under `patch`) inline YAML.
    private mutating func readPatch(_ node: Node, target: Node? = nil, inline: Bool = false, indent: Int = 0, limits: ParseLimits) {
        guard node.isScalar, !node.isNull else { return }
        let target = target.map(Self.target)
        // patchesStrategicMerge takes a path or the patch itself: a path has no line break and no colon-space.
        let text = node.text
        if inline || text.contains("\n") || text.contains(": ") {
            do {
                var documents: [Document] = []
                // A block scalar's text starts on the line after its indicator: lines are
                // exact, columns assume the usual indentation.
                let block = node.style == .block
                let parser = YAMLParser(shiftedBy: Int(node.start.line) - (block ? 0 : 1), columns: block ? indent : Int(node.start.column) - 1)
                var bytes = Array(text.utf8)
                try bytes.withUnsafeMutableBufferPointer { buffer in
                    try parser.parse(UnsafeBufferPointer(buffer), file: file, limits: limits) { documents.append($0) }
                }
                patches.append(Patch(content: .inline(documents), target: target, place: node.location))
            } catch let error as SyntaxError {
                diagnostics.append(Diagnostic(.error, file: file, at: node.start, "inline patch does not parse: \(error.message)"))
            } catch {
                diagnostics.append(Diagnostic(.error, file: file, at: node.start, "inline patch does not parse: \(error)"))
            }
        } else {
            patches.append(Patch(content: .file(text), target: target, place: node.location))
        }
    }

    private static func target(_ node: Node) -> Target {
        Target(kind: node.string("kind"), name: node.string("name"), namespace: node.string("namespace"),
               selects: node["labelSelector"] != nil || node["annotationSelector"] != nil)
    }
}
