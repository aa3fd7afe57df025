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

/// Compares two versions of an object value by value: mappings by key, lists of
/// scalars as sets (a reordered verb list is no change), other lists by position.
enum StructuralDiff {
    static func compare(base: Node?, head: Node?, path: String, report: (ChangedElement.Change, String, Node) -> Void) {
        switch (base, head) {
        case (nil, nil):
            return
        case (nil, let added?):
            leaves(of: added, path: path) { report(.added, $0, $1) }
        case (let removed?, nil):
            leaves(of: removed, path: path) { report(.removed, $0, $1) }
        case (let old?, let new?):
            if old.isMapping, new.isMapping {
                var oldValues: [String: Node] = [:]
                old.forEachEntry { key, value in
                    if oldValues[key.text] == nil { oldValues[key.text] = value }
                    return true
                }
                var seen = Set<String>()
                new.forEachEntry { key, value in
                    let name = key.text
                    seen.insert(name)
                    compare(base: oldValues[name], head: value, path: path + "." + name, report: report)
                    return true
                }
                old.forEachEntry { key, value in
                    if !seen.contains(key.text) { compare(base: value, head: nil, path: path + "." + key.text, report: report) }
                    return true
                }
            } else if old.isSequence, new.isSequence {
                let oldElements = old.elements, newElements = new.elements
                if (oldElements + newElements).allSatisfy(\.isScalar) {
                    let oldTexts = Set(oldElements.map(\.text))
                    let newTexts = Set(newElements.map(\.text))
                    for element in newElements where !oldTexts.contains(element.text) { report(.added, path + "[]", element) }
                    for element in oldElements where !newTexts.contains(element.text) { report(.removed, path + "[]", element) }
                } else {
                    for index in 0..<max(oldElements.count, newElements.count) {
                        compare(base: index < oldElements.count ? oldElements[index] : nil,
                                head: index < newElements.count ? newElements[index] : nil, path: path + "[\(index)]", report: report)
                    }
                }
            } else if old.isScalar, new.isScalar {
                if old.text != new.text || old.isNull != new.isNull { report(.modified, path, new) }
            } else {
                report(.modified, path, new)
            }
        }
    }

    /// Every scalar below a node, with its path; an empty container counts as one leaf.
    private static func leaves(of node: Node, path: String, _ visit: (String, Node) -> Void) {
        if node.isScalar || node.count == 0 {
            visit(path, node)
        } else if node.isMapping {
            node.forEachEntry { key, value in
                leaves(of: value, path: path + "." + key.text, visit)
                return true
            }
        } else {
            var index = 0
            node.forEachElement { element in
                leaves(of: element, path: path + "[\(index)]", visit)
                index += 1
                return true
            }
        }
    }
}
