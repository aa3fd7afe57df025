import IdlintSyntax

/// A tree that can be edited while each node keeps the file and place it was written:
/// how a Kustomize overlay's patch is laid over its base, so that what the patch wrote
/// is reported on the patch and what it left is reported on the base.
struct PlacedNode: Sendable {
    enum Value: Sendable {
        case scalar(String, ScalarStyle, tag: String?)
        case mapping([Entry])
        case sequence([PlacedNode])
    }

    struct Entry: Sendable {
        var key: PlacedNode
        var value: PlacedNode
    }

    var value: Value
    var file: String
    var span: SourceSpan

    init(_ value: Value, file: String, span: SourceSpan) {
        self.value = value
        self.file = file
        self.span = span
    }

    /// A copy of a parsed node with its places. Parsed trees are bounded in depth, and an
    /// alias is copied as often as it is used, as Kubernetes reads it.
    init(_ node: Node) {
        let file = node.location.file
        switch node.kind {
        case .scalar: self.init(.scalar(node.text, node.style, tag: node.tag), file: file, span: node.span)
        case .sequence: self.init(.sequence(node.elements.map(PlacedNode.init)), file: file, span: node.span)
        case .mapping: self.init(.mapping(node.entries.map { Entry(key: PlacedNode($0.key), value: PlacedNode($0.value)) }), file: file, span: node.span)
        }
    }

    /// A plain scalar written by idlint on behalf of an overlay (a namespace it sets), placed where the overlay says it.
    static func text(_ text: String, at place: SourceLocation) -> PlacedNode {
        PlacedNode(.scalar(text, .quoted, tag: nil), file: place.file, span: place.span)
    }

    var text: String? {
        if case .scalar(let text, let style, _) = value, !(style == .plain && (text.isEmpty || text == "null" || text == "~")) { return text }
        return nil
    }

    var isMapping: Bool {
        if case .mapping = value { return true }
        return false
    }

    var entries: [Entry] {
        if case .mapping(let entries) = value { return entries }
        return []
    }

    var elements: [PlacedNode]? {
        if case .sequence(let elements) = value { return elements }
        return nil
    }

    subscript(key: String) -> PlacedNode? {
        get { entries.first { $0.key.text == key }?.value }
        set {
            guard case .mapping(var entries) = value else { return }
            if let index = entries.firstIndex(where: { $0.key.text == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append(Entry(key: PlacedNode(.scalar(key, .plain, tag: nil), file: newValue.file, span: newValue.span), value: newValue))
            }
            value = .mapping(entries)
        }
    }

    /// Sets the value of an entry; a new entry keeps the key node given.
    mutating func set(_ key: PlacedNode, _ newValue: PlacedNode?) {
        guard case .mapping(var entries) = value, let name = key.text else { return }
        if let index = entries.firstIndex(where: { $0.key.text == name }) {
            if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
        } else if let newValue {
            entries.append(Entry(key: key, value: newValue))
        }
        value = .mapping(entries)
    }

    /// Writes the tree as a document of `file`, each node in its own file, every place
    /// read in `environment`; nil when the tree is past the composer's bounds.
    func document(file: String, environment: String?) -> Document? {
        var composer = TreeComposer(file: file, environment: environment, syntax: .yaml)
        do {
            try write(into: &composer)
            return try composer.finish()
        } catch {
            return nil
        }
    }

    private func write(into composer: inout TreeComposer) throws {
        composer.place(in: file)
        switch value {
        case .scalar(let text, let style, let tag):
            try composer.scalar(text, style: style, tag: tag, at: span)
        case .mapping(let entries):
            try composer.begin(.mapping, at: span.start)
            for entry in entries {
                try entry.key.write(into: &composer)
                try entry.value.write(into: &composer)
            }
            composer.place(in: file)
            try composer.end(at: span.end)
        case .sequence(let elements):
            try composer.begin(.sequence, at: span.start)
            for element in elements { try element.write(into: &composer) }
            composer.place(in: file)
            try composer.end(at: span.end)
        }
    }
}

extension PlacedNode {
    /// The same scalar, in its place, with other text (a name given a prefix).
    func replacingText(_ text: String) -> PlacedNode {
        guard case .scalar(_, let style, let tag) = value else { return self }
        var copy = self
        copy.value = .scalar(text, style == .plain ? .quoted : style, tag: tag)
        return copy
    }

    /// The node at a path of mapping keys; setting one that is missing on the way sets nothing.
    subscript(path path: [String]) -> PlacedNode? {
        get {
            guard let first = path.first else { return self }
            return self[first]?[path: Array(path.dropFirst())]
        }
        set {
            guard let first = path.first else { return }
            if path.count == 1 {
                self[first] = newValue
                return
            }
            guard var child = self[first] else { return }
            child[path: Array(path.dropFirst())] = newValue
            self[first] = child
        }
    }
}
