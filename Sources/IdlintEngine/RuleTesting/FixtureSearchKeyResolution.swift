import IdlintSyntax

extension FixtureSearchKey {
    /// The nodes the key names in a fixture's documents (the documents of one JSON or XML
    /// file, as the scanner parsed them).
    func resolve(in documents: [Document]) -> [NodePath.Match] {
        guard let first = documents.first else { return [] }
        if first.syntax == .json {
            guard documents.count == 1 else { return [] }
            return steps.reduce([NodePath.Match(node: first.root, key: nil)]) { matches, step in
                guard case .token(let token) = step else { return [] }
                return matches.compactMap { Self.member(token, of: $0.node) }
            }
        }
        let tree = XMLFixtureTree(documents: documents)
        var matches: [NodePath.Match] = []
        for (index, step) in steps.enumerated() {
            switch step {
            case .element(let name, let predicates):
                let parents = index == 0 ? [nil] : matches.map(Optional.some)
                matches = parents.flatMap { parent in
                    Self.filter(tree.children(of: parent).filter { $0.name == name }.map(\.match), by: predicates)
                }
            case .attribute(let name):
                matches = matches.compactMap { $0.node.entry("@" + name).map { NodePath.Match(node: $0.value, key: $0.key) } }
            case .text:
                matches = matches.compactMap { $0.node.entry(XMLFixtureTree.textKey).map { NodePath.Match(node: $0.value, key: $0.key) } }
            case .token:
                return []
            }
        }
        return matches
    }

    /// Where idlint reports a node: its start, or the key above a mapping or list.
    static func place(of match: NodePath.Match) -> SourcePosition {
        DocumentRuleEvaluator.reportedLocation(of: match).span.start
    }

    /// A JSON Pointer token applied to a node: an object's member, or an array's element
    /// at a canonical index (`0`, `12`, never `012`).
    static func member(_ token: String, of node: Node) -> NodePath.Match? {
        if node.isMapping {
            return node.entry(token).map { NodePath.Match(node: $0.value, key: $0.key) }
        }
        guard node.isSequence, let index = Int(token), index >= 0, String(index) == token, index < node.count else { return nil }
        return NodePath.Match(node: node.elements[index], key: nil)
    }

    /// XPath's reading of predicates: each keeps some of what the one before left, and a
    /// position counts among those.
    private static func filter(_ elements: [NodePath.Match], by predicates: [Predicate]) -> [NodePath.Match] {
        predicates.reduce(elements) { left, predicate in
            switch predicate {
            case .position(let position): position <= left.count ? [left[position - 1]] : []
            case .attribute(let name, let value): left.filter { $0.node.string("@" + name) == value }
            }
        }
    }
}

/// An XML fixture's elements as one tree. The parser gives an element as a mapping
/// (attributes under `@name`, text under `#text`, child elements under their local
/// name), and an aggregate (`EntitiesDescriptor`) as a document for its root followed
/// by one document per part: here the parts are the root's children again.
struct XMLFixtureTree {
    static let textKey = "#text"
    let documents: [Document]

    /// The child elements of `parent` (of nothing: the root element), with their local
    /// names, in the order they appear in the file.
    func children(of parent: NodePath.Match?) -> [(name: String, match: NodePath.Match)] {
        guard let parent else {
            return documents.first.map { [(Self.localName($0.root), NodePath.Match(node: $0.root, key: nil))] } ?? []
        }
        var found = parent.node.entries.filter { !$0.key.text.hasPrefix("@") && $0.key.text != Self.textKey && $0.value.isMapping }
            .map { (name: $0.key.text, match: NodePath.Match(node: $0.value, key: $0.key)) }
        if documents.count > 1, parent.node.isSameNode(as: documents[0].root) {
            found += documents.dropFirst().map { (name: Self.localName($0.root), match: NodePath.Match(node: $0.root, key: nil)) }
            found.sort { $0.match.node.start < $1.match.node.start }
        }
        return found
    }

    /// An element's name without its namespace (`{urn:...}EntityDescriptor`).
    static func localName(_ element: Node) -> String {
        let tag = element.tag ?? ""
        guard let close = tag.lastIndex(of: "}") else { return tag }
        return String(tag[tag.index(after: close)...])
    }
}
