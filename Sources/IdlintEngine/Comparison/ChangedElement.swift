import IdlintSyntax

/// One value that a change adds, removes or modifies inside an identity object, with
/// the sensitive surfaces it touches.
public struct ChangedElement: Sendable {
    public enum Change: String, Sendable {
        case added, removed, modified
    }

    public var change: Change
    /// Kind, namespace and name of the object.
    public var object: String
    public var kind: String
    /// Logical path inside the object, `""` for the object itself.
    public var path: String
    /// Where it is in the head, or in the base for what was removed.
    public var location: SourceLocation
    public var surfaces: [String]
}

/// Compares two versions of an object by meaning, not by text or position:
/// - mappings by key, with repeated keys (XML siblings) as an unordered group;
/// - every list as a multiset: elements equal in meaning on both sides are no change,
///   wherever they moved, so reordering rules, statements or subjects changes nothing
///   and a rule moved between list items does not shift every later index; leftover
///   elements are compared in order, so a modified element still reads as modified;
/// - a one-element list of a scalar as that scalar (IAM's `"Action": "x"` and `["x"]`);
/// - cosmetic elements (`ChangeMeaning`) ignored, and a value equal to its platform
///   default read as absent.
/// List elements are named `[]` in paths: an index says nothing once order does not count.
struct StructuralDiff {
    var kind: String
    var meaning: ChangeMeaning

    func compare(base: Node?, head: Node?, path: String, report: (ChangedElement.Change, String, Node, Node?) -> Void) {
        if meaning.isCosmetic(kind: kind, path: path) { return }
        switch (base.map(Self.unwrapped), head.map(Self.unwrapped)) {
        case (nil, nil):
            return
        case (nil, let added?):
            guard !isDefault(added, at: path) else { return }
            leaves(of: added, path: path) { report(.added, $0, $1, nil) }
        case (let removed?, nil):
            guard !isDefault(removed, at: path) else { return }
            leaves(of: removed, path: path) { report(.removed, $0, $1, nil) }
        case (let old?, let new?):
            if old.isMapping, new.isMapping {
                let oldGroups = Self.groups(old), newGroups = Self.groups(new)
                for key in Self.keys(old, new) {
                    let before = oldGroups[key] ?? [], after = newGroups[key] ?? []
                    if before.count <= 1 && after.count <= 1 {
                        compare(base: before.first, head: after.first, path: path + "." + key, report: report)
                    } else {
                        compareUnordered(before, after, path: path + "." + key, report: report)
                    }
                }
            } else if old.isSequence, new.isSequence {
                compareUnordered(old.elements, new.elements, path: path + "[]", report: report)
            } else if old.isScalar, new.isScalar {
                if old.text != new.text || old.isNull != new.isNull { report(.modified, path, new, old) }
            } else if (old.isScalar && new.isSequence) || (old.isSequence && new.isScalar) {
                // A list that grows from or shrinks to one scalar (read as that scalar):
                // what was added or removed, not the whole list modified.
                compareUnordered(old.isSequence ? old.elements : [old], new.isSequence ? new.elements : [new], path: path + "[]", report: report)
            } else {
                report(.modified, path, new, old)
            }
        }
    }

    /// Two groups of elements as multisets: pairs equal in meaning cancel out.
    private func compareUnordered(_ before: [Node], _ after: [Node], path: String, report: (ChangedElement.Change, String, Node, Node?) -> Void) {
        var unmatched: [String: Int] = [:]
        for node in before { unmatched[canonical(node, path: path), default: 0] += 1 }
        var added: [Node] = []
        for node in after {
            let form = canonical(node, path: path)
            if let count = unmatched[form], count > 0 { unmatched[form] = count - 1 } else { added.append(node) }
        }
        var removed: [Node] = []
        var remaining = unmatched
        for node in before {
            let form = canonical(node, path: path)
            if let count = remaining[form], count > 0 {
                remaining[form] = count - 1
                removed.append(node)
            }
        }
        if (added + removed).allSatisfy({ Self.unwrapped($0).isScalar }) {
            for node in added { report(.added, path, node, nil) }
            for node in removed { report(.removed, path, node, nil) }
            return
        }
        for index in 0..<max(added.count, removed.count) {
            compare(base: index < removed.count ? removed[index] : nil, head: index < added.count ? added[index] : nil, path: path, report: report)
        }
    }

    /// A node's meaning as text: equal texts mean equal meaning. Mapping keys sorted,
    /// lists as sorted multisets (scalar lists as sets), cosmetic keys and default values left out.
    func canonical(_ node: Node, path: String) -> String {
        let node = Self.unwrapped(node)
        if node.isScalar { return node.isNull ? "~" : "\(node.text.utf8.count):\(node.text)" }
        if node.isMapping {
            let groups = Self.groups(node)
            let parts = groups.keys.sorted().compactMap { key -> String? in
                let child = path + "." + key
                if meaning.isCosmetic(kind: kind, path: child) { return nil }
                let values = groups[key] ?? []
                if values.count == 1, isDefault(values[0], at: child) { return nil }
                return "\(key.utf8.count):\(key)(" + values.map { canonical($0, path: child) }.sorted().joined(separator: ",") + ")"
            }
            return "{" + parts.joined(separator: ";") + "}"
        }
        let elements = node.elements
        var forms = elements.map { canonical($0, path: path + "[]") }
        if elements.allSatisfy(\.isScalar) { forms = Array(Set(forms)) }
        return "[" + forms.sorted().joined(separator: ",") + "]"
    }

    private func isDefault(_ node: Node, at path: String) -> Bool {
        let node = Self.unwrapped(node)
        guard node.isScalar, let value = meaning.defaultValue(kind: kind, path: path) else { return false }
        return node.text == value
    }

    /// A one-element list of a scalar means that scalar.
    private static func unwrapped(_ node: Node) -> Node {
        if node.isSequence, node.count == 1, let only = node.elements.first, only.isScalar { return only }
        return node
    }

    private static func groups(_ node: Node) -> [String: [Node]] {
        var groups: [String: [Node]] = [:]
        node.forEachEntry { key, value in
            groups[key.text, default: []].append(value)
            return true
        }
        return groups
    }

    /// Keys of both sides, head order first, then keys only the base has.
    private static func keys(_ old: Node, _ new: Node) -> [String] {
        var seen = Set<String>()
        var keys: [String] = []
        for node in [new, old] {
            node.forEachEntry { key, _ in
                if seen.insert(key.text).inserted { keys.append(key.text) }
                return true
            }
        }
        return keys
    }

    /// Every scalar below a node, with its path; an empty container counts as one leaf.
    private func leaves(of node: Node, path: String, _ visit: (String, Node) -> Void) {
        if meaning.isCosmetic(kind: kind, path: path) { return }
        if node.isScalar || node.count == 0 {
            visit(path, node)
        } else if node.isMapping {
            node.forEachEntry { key, value in
                leaves(of: value, path: path + "." + key.text, visit)
                return true
            }
        } else {
            node.forEachElement { element in
                leaves(of: element, path: path + "[]", visit)
                return true
            }
        }
    }
}
