import IdlintSyntax

extension FixtureSearchKey {
    /// A search key for what is reported at `position` in a JSON or XML fixture, so that
    /// a finding no expectation took can be written into the sidecar as it is. XML steps
    /// among elements of one name take the attribute that tells them apart with the
    /// shortest value (`[@index=0]`, `[@use=signing]`), else a position. Nil when no
    /// node is reported there, or when the key found does not name it alone.
    static func naming(_ position: SourcePosition, in documents: [Document]) -> String? {
        guard let syntax = documents.first?.syntax else { return nil }
        let found: String?
        switch syntax {
        case .json:
            guard documents.count == 1 else { return nil }
            found = jsonPointer(to: position, from: NodePath.Match(node: documents[0].root, key: nil), pointer: "").map { $0.isEmpty ? "/" : $0 }
        case .xml:
            found = xmlPath(to: position, under: nil, path: "", in: XMLFixtureTree(documents: documents))
        case .yaml, .hcl, .toml:
            return nil
        }
        guard let found, let key = try? FixtureSearchKey(found, syntax: syntax) else { return nil }
        let named = key.resolve(in: documents)
        return named.count == 1 && place(of: named[0]) == position ? found : nil
    }

    private static func jsonPointer(to position: SourcePosition, from match: NodePath.Match, pointer: String) -> String? {
        if place(of: match) == position { return pointer }
        for (key, value) in match.node.entries {
            let token = key.text.replacing("~", with: "~0").replacing("/", with: "~1")
            if let found = jsonPointer(to: position, from: NodePath.Match(node: value, key: key), pointer: pointer + "/" + token) { return found }
        }
        for (index, element) in match.node.elements.enumerated() {
            if let found = jsonPointer(to: position, from: NodePath.Match(node: element, key: nil), pointer: pointer + "/\(index)") { return found }
        }
        return nil
    }

    private static func xmlPath(to position: SourcePosition, under parent: NodePath.Match?, path: String, in tree: XMLFixtureTree) -> String? {
        let children = tree.children(of: parent)
        for (name, child) in children {
            let siblings = children.filter { $0.name == name }.map(\.match)
            let step = path + "/" + name + predicate(for: child, among: siblings)
            if place(of: child) == position { return step }
            for (key, value) in child.node.entries where key.text.hasPrefix("@") || key.text == XMLFixtureTree.textKey {
                if place(of: NodePath.Match(node: value, key: key)) == position {
                    return step + "/" + (key.text == XMLFixtureTree.textKey ? "text()" : key.text)
                }
            }
            if let found = xmlPath(to: position, under: child, path: step, in: tree) { return found }
        }
        return nil
    }

    /// What tells an element apart from the others of its name: nothing when it is the
    /// only one, else the attribute no sibling shares with the shortest value, else its
    /// position.
    private static func predicate(for element: NodePath.Match, among siblings: [NodePath.Match]) -> String {
        guard siblings.count > 1 else { return "" }
        let others = siblings.filter { !$0.node.isSameNode(as: element.node) }
        let telling = element.node.entries.filter { key, value in
            key.text.hasPrefix("@") && !(value.text.contains("\"") && value.text.contains("'"))
                && !others.contains { $0.node.string(key.text) == value.text }
        }
        if let (key, value) = telling.min(by: { $0.value.text.count < $1.value.text.count }) {
            let text = value.text
            let needsQuotes = text.contains("]") || text.hasPrefix("\"") || text.hasPrefix("'")
            let quote = text.contains("\"") ? "'" : "\""
            return "[\(key.text)=\(needsQuotes ? quote + text + quote : text)]"
        }
        let index = siblings.firstIndex { $0.node.isSameNode(as: element.node) } ?? 0
        return "[\(index + 1)]"
    }
}
