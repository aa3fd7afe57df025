import IdlintSyntax

/// One overlay built as kustomize builds it, for the kinds idlint models: the objects of
/// its resources (bases built first, each with its own patches and transforms), its
/// patches laid over them (strategic merge and JSON 6902) for roles, bindings and service
/// accounts, then its name prefix and suffix (references to renamed roles and accounts
/// follow) and its namespace. Every node keeps the file and place it was written, so a
/// finding lands on the base or on the patch, whichever wrote what it is about.
struct KustomizeBuild {
    /// An object of the overlay, with where it came from.
    struct Object {
        var tree: PlacedNode
        /// Its name before any kustomization renamed it: what patches may name.
        var originalName: String
        /// Where the file that defines the object names it, and the whole object there.
        var origin: SourceLocation
        var region: SourceLocation
        /// The patches that changed it.
        var patchedAt: [SourceLocation] = []

        var kind: String { tree["kind"]?.text ?? "" }
        var name: String { tree["metadata"]?["name"]?.text ?? "" }
        var namespace: String? { tree["metadata"]?["namespace"]?.text }
    }

    /// Kinds whose patches are applied: the identity objects idlint models.
    static let patchedKinds: Set<String> = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ServiceAccount"]
    /// Kinds without a namespace, which `namespace` leaves alone.
    static let clusterScoped: Set<String> = ["ClusterRole", "ClusterRoleBinding", "Namespace", "CustomResourceDefinition", "PersistentVolume",
                                             "StorageClass", "PriorityClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
                                             "APIService", "CertificateSigningRequest", "Node"]
    /// Nesting of kustomizations past this is refused (a chain that long is a mistake or an attack).
    static let maxDepth = 32
    /// Kustomizations built for one overlay past this are refused: a chain in which each
    /// includes the next twice doubles at every level, and must not hang the scan.
    static let maxBuilds = 2_000

    private var builds = 0

    let tree: KustomizeTree
    let documents: [String: [Document]]
    private(set) var diagnostics: [Diagnostic] = []

    init(tree: KustomizeTree, documents: [String: [Document]]) {
        self.tree = tree
        self.documents = documents
    }

    /// The objects an overlay builds.
    mutating func objects(of root: String) -> [Object] {
        builds = 0
        return build(root, stack: [])
    }

    private mutating func build(_ file: String, stack: [String]) -> [Object] {
        guard let kustomization = tree.kustomizations[file] else { return [] }
        builds += 1
        guard builds <= Self.maxBuilds else {
            if builds == Self.maxBuilds + 1 {
                diagnostics.append(Diagnostic(.warning, file: stack.first ?? file,
                                              "this overlay includes kustomizations more than \(Self.maxBuilds) times over; the rest, from \(file) on, is not built or judged"))
            }
            return []
        }
        if stack.contains(file) || stack.count >= Self.maxDepth {
            diagnostics.append(Diagnostic(.warning, file: stack.last ?? file,
                                          "kustomization \(file) includes itself through \(stack.joined(separator: " → ")) (or nests past \(Self.maxDepth) levels): that inclusion is not followed"))
            return []
        }
        var objects: [Object] = []
        for reference in tree.references(of: file) {
            switch reference {
            case .file(let path):
                for document in documents[path] ?? [] { Self.collect(document.root, into: &objects, depth: 0) }
            case .kustomization(let nested):
                objects += build(nested, stack: stack + [file])
            case .unread:
                break
            }
        }
        for patch in kustomization.patches { apply(patch, of: kustomization, to: &objects) }
        rename(&objects, prefix: kustomization.namePrefix, suffix: kustomization.nameSuffix)
        label(&objects, with: kustomization.labels)
        if let namespace = kustomization.namespace { place(&objects, in: namespace) }
        return objects
    }

    /// The objects of a manifest: itself, or the items of a `List`.
    private static func collect(_ node: Node, into objects: inout [Object], depth: Int) {
        guard node.isMapping, let kind = node.string("kind"), node["apiVersion"] != nil else { return }
        if kind.hasSuffix("List"), depth < 4, let items = node["items"], items.isSequence {
            for item in items.elements { collect(item, into: &objects, depth: depth + 1) }
            return
        }
        let tree = PlacedNode(node)
        objects.append(Object(tree: tree, originalName: tree["metadata"]?["name"]?.text ?? "", origin: (node["metadata"]?["name"] ?? node).location,
                              region: node.location))
    }

    // MARK: - Patches

    private mutating func apply(_ patch: Kustomization.Patch, of kustomization: Kustomization, to objects: inout [Object]) {
        let patchDocuments: [Document]
        switch patch.content {
        case .inline(let parsed): patchDocuments = parsed
        case .file(let path):
            guard let file = pathInsideTree(kustomization.folder, path), let parsed = documents[file] else {
                // A patch not read may be the one that widens a role: never a silent skip.
                diagnostics.append(Diagnostic(.warning, file: patch.place.file, at: patch.place.span.start,
                                              "patch \(path) was not read (missing, excluded or outside the scan): the objects are judged without it"))
                return
            }
            patchDocuments = parsed
        }
        if patch.target?.selects == true {
            note(patch.place, "a patch that selects by label or annotation is not applied: the objects are judged without it")
            return
        }
        for document in patchDocuments where !document.root.isNull {
            let root = document.root
            let operations = root.isSequence
            var target = patch.target ?? Kustomization.Target()
            if !operations, patch.target == nil {
                target.kind = root.string("kind")
                target.name = root["metadata"]?.string("name")
                target.namespace = root["metadata"]?.string("namespace")
            }
            guard target.kind != nil || target.name != nil else {
                note(patch.place, "a patch without a target kind or name is not applied")
                continue
            }
            let matches = objects.indices.filter { Self.matches(objects[$0], target) }
            if matches.isEmpty {
                note(root.location, "patch of \(target.kind ?? "any kind") \(target.name ?? "") matches no object this kustomization builds: not applied")
                continue
            }
            for index in matches {
                guard Self.patchedKinds.contains(objects[index].kind) else {
                    note(root.location, "patch of \(objects[index].kind) \(objects[index].name) is not applied (idlint applies patches to roles, bindings and service accounts): it is judged as its base writes it")
                    continue
                }
                if operations {
                    var problems: [String] = []
                    objects[index].tree.applyOperations(root, problems: &problems)
                    for problem in problems { diagnostics.append(Diagnostic(.warning, file: document.file, at: root.start, problem)) }
                } else {
                    objects[index].tree.mergePatch(PlacedNode(root), kind: objects[index].kind)
                }
                objects[index].patchedAt.append(root.location)
            }
        }
    }

    private mutating func note(_ place: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(.note, file: place.file, at: place.span.start, message))
    }

    private static func matches(_ object: Object, _ target: Kustomization.Target) -> Bool {
        if let kind = target.kind, kind != object.kind { return false }
        if let name = target.name, name != object.name, name != object.originalName { return false }
        if let namespace = target.namespace, namespace != (object.namespace ?? "default") { return false }
        return true
    }

    // MARK: - Transforms

    /// `namePrefix` and `nameSuffix`: every object renamed, and the references that
    /// kustomize follows (a binding's roleRef, a binding's ServiceAccount subjects, a pod's
    /// service account) renamed with the objects they name.
    private func rename(_ objects: inout [Object], prefix: String, suffix: String) {
        guard !prefix.isEmpty || !suffix.isEmpty else { return }
        var renamed: Set<String> = []
        for index in objects.indices {
            guard let name = objects[index].tree["metadata"]?["name"], let text = name.text else { continue }
            renamed.insert("\(objects[index].kind)/\(text)")
            objects[index].tree["metadata"]?["name"] = name.replacingText(prefix + text + suffix)
        }
        func affixed(_ node: PlacedNode?, kind: String) -> PlacedNode? {
            guard let node, let text = node.text, renamed.contains("\(kind)/\(text)") else { return nil }
            return node.replacingText(prefix + text + suffix)
        }
        for index in objects.indices {
            var tree = objects[index].tree
            switch objects[index].kind {
            case "RoleBinding", "ClusterRoleBinding":
                if let kind = tree["roleRef"]?["kind"]?.text, let name = affixed(tree["roleRef"]?["name"], kind: kind) { tree["roleRef"]?["name"] = name }
                if var subjects = tree["subjects"]?.elements {
                    for position in subjects.indices where subjects[position]["kind"]?.text == "ServiceAccount" {
                        if let name = affixed(subjects[position]["name"], kind: "ServiceAccount") { subjects[position]["name"] = name }
                    }
                    tree["subjects"]?.value = .sequence(subjects)
                }
            default:
                for path in Self.podSpecPaths[objects[index].kind] ?? [] {
                    for key in ["serviceAccountName", "serviceAccount"] {
                        if let name = affixed(tree[path: path + [key]], kind: "ServiceAccount") { tree[path: path + [key]] = name }
                    }
                }
            }
            objects[index].tree = tree
        }
    }

    /// `commonLabels` and `labels`: every object carries the pairs in its metadata labels,
    /// placed at the kustomization's lines.
    private func label(_ objects: inout [Object], with pairs: [(key: PlacedNode, value: PlacedNode)]) {
        guard let first = pairs.first else { return }
        for index in objects.indices {
            if objects[index].tree["metadata"] == nil {
                objects[index].tree["metadata"] = PlacedNode(.mapping([]), file: first.key.file, span: first.key.span)
            }
            if objects[index].tree["metadata"]?["labels"]?.isMapping != true {
                objects[index].tree["metadata"]?["labels"] = PlacedNode(.mapping([]), file: first.key.file, span: first.key.span)
            }
            for (key, value) in pairs { objects[index].tree["metadata"]?["labels"]?.set(key, value) }
        }
    }

    /// Where each workload kind keeps its pod spec.
    private static let podSpecPaths: [String: [[String]]] = [
        "Pod": [["spec"]], "Deployment": [["spec", "template", "spec"]], "StatefulSet": [["spec", "template", "spec"]],
        "DaemonSet": [["spec", "template", "spec"]], "ReplicaSet": [["spec", "template", "spec"]], "Job": [["spec", "template", "spec"]],
        "ReplicationController": [["spec", "template", "spec"]], "CronJob": [["spec", "jobTemplate", "spec", "template", "spec"]],
    ]

    /// `namespace`: every namespaced object moved into it, and ServiceAccount subjects
    /// named `default` with it, as kustomize does by default.
    private func place(_ objects: inout [Object], in namespace: PlacedNode) {
        for index in objects.indices where !Self.clusterScoped.contains(objects[index].kind) {
            if objects[index].tree["metadata"] == nil {
                objects[index].tree["metadata"] = PlacedNode(.mapping([]), file: namespace.file, span: namespace.span)
            }
            objects[index].tree["metadata"]?["namespace"] = namespace
        }
        for index in objects.indices where objects[index].kind == "RoleBinding" || objects[index].kind == "ClusterRoleBinding" {
            guard var subjects = objects[index].tree["subjects"]?.elements else { continue }
            for position in subjects.indices where subjects[position]["kind"]?.text == "ServiceAccount" && subjects[position]["name"]?.text == "default" {
                subjects[position]["namespace"] = namespace
            }
            objects[index].tree["subjects"]?.value = .sequence(subjects)
        }
    }
}
