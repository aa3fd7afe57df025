import FoundationEssentials
import IdlintSyntax

/// JSON Patch operations (RFC 6902: add, remove, replace, move, copy, test) applied to a
/// placed tree. A value the patch adds keeps the patch's place. A Kubernetes rule is one
/// statement whose values share a file, so a rule that an operation reaches into is
/// placed whole on the operation: the finding goes to the line that changed it.
extension PlacedNode {
    mutating func applyOperations(_ operations: Node, problems: inout [String]) {
        for operation in operations.elements {
            guard let op = operation.string("op"), let path = operation.string("path").flatMap(Self.pointer) else {
                problems.append("a JSON patch operation needs 'op' and a 'path' that starts with '/'; not applied")
                continue
            }
            let value = operation["value"].map(PlacedNode.init)
            var done = true
            switch op {
            case "add": done = value.map { insert($0, at: path, replacing: false) } ?? false
            case "replace": done = value.map { insert($0, at: path, replacing: true) } ?? false
            case "remove": done = remove(at: path) != nil
            case "move", "copy":
                if let from = operation.string("from").flatMap(Self.pointer), let moved = op == "move" ? remove(at: from) : self[pointer: from] {
                    done = insert(moved, at: path, replacing: false)
                } else {
                    done = false
                }
            case "test": break
            default:
                problems.append("JSON patch operation '\(op)' is unknown; not applied")
                continue
            }
            if !done {
                problems.append("JSON patch '\(op)' at '\(operation.string("path") ?? "")' finds nothing to change; not applied")
            } else if path.count > 2, path[0] == "rules", Int(path[1]) != nil {
                self[pointer: Array(path.prefix(2))]?.relocate(to: value?.file ?? operation.location.file, span: value?.span ?? operation.span)
            }
        }
    }

    /// `/rules/0/verbs` as keys, `~1` and `~0` unescaped.
    private static func pointer(_ text: String) -> [String]? {
        guard text.hasPrefix("/") else { return text.isEmpty ? [] : nil }
        return text.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
            .map { String($0).replacing("~1", with: "/").replacing("~0", with: "~") }
    }

    subscript(pointer pointer: [String]) -> PlacedNode? {
        get {
            guard let first = pointer.first else { return self }
            let rest = Array(pointer.dropFirst())
            if let elements {
                guard let index = Int(first), elements.indices.contains(index) else { return nil }
                return elements[index][pointer: rest]
            }
            return self[first]?[pointer: rest]
        }
        set {
            guard let first = pointer.first else {
                if let newValue { self = newValue }
                return
            }
            let rest = Array(pointer.dropFirst())
            if var elements {
                guard let index = Int(first), elements.indices.contains(index) else { return }
                if rest.isEmpty {
                    if let newValue { elements[index] = newValue } else { elements.remove(at: index) }
                } else {
                    elements[index][pointer: rest] = newValue
                }
                value = .sequence(elements)
            } else if rest.isEmpty {
                self[first] = newValue
            } else if var child = self[first] {
                child[pointer: rest] = newValue
                self[first] = child
            }
        }
    }

    /// Adds (into a list: before the index, `-` at the end) or replaces the node at `path`.
    private mutating func insert(_ node: PlacedNode, at path: [String], replacing: Bool) -> Bool {
        guard let last = path.last else {
            self = node
            return true
        }
        let parentPath = Array(path.dropLast())
        guard var parent = self[pointer: parentPath] else { return false }
        if var elements = parent.elements {
            if last == "-", !replacing {
                elements.append(node)
            } else if let index = Int(last), replacing ? elements.indices.contains(index) : (0...elements.count).contains(index) {
                if replacing { elements[index] = node } else { elements.insert(node, at: index) }
            } else {
                return false
            }
            parent.value = .sequence(elements)
        } else if parent.isMapping {
            if replacing, parent[last] == nil { return false }
            parent.set(PlacedNode(.scalar(last, .plain, tag: nil), file: node.file, span: node.span), node)
        } else {
            return false
        }
        self[pointer: parentPath] = parent
        return true
    }

    private mutating func remove(at path: [String]) -> PlacedNode? {
        guard !path.isEmpty, let removed = self[pointer: path] else { return nil }
        self[pointer: path] = nil
        return removed
    }

    /// Every node of the subtree placed at one place.
    mutating func relocate(to file: String, span: SourceSpan) {
        self.file = file
        self.span = span
        switch value {
        case .scalar: break
        case .sequence(var elements):
            for index in elements.indices { elements[index].relocate(to: file, span: span) }
            value = .sequence(elements)
        case .mapping(var entries):
            for index in entries.indices {
                entries[index].key.relocate(to: file, span: span)
                entries[index].value.relocate(to: file, span: span)
            }
            value = .mapping(entries)
        }
    }
}
