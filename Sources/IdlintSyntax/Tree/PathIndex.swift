/// Logical paths (`.rules[0].verbs[1]`) of every node below a root, built in one walk, so
/// that any number of findings in one object cost one pass, not one search each.
package struct PathIndex {
    private let document: Document
    private var parents: [Int32: (parent: Int32, step: String)] = [:]
    private let root: Int32

    package init(root: Node) {
        document = root.document
        self.root = root.id
        var stack: [Int32] = [root.id]
        while let current = stack.popLast() {
            let record = document.records[Int(current)]
            let start = Int(record.childStart)
            switch record.kind {
            case .scalar:
                continue
            case .sequence:
                for offset in 0..<Int(record.childCount) {
                    let child = document.childIDs[start + offset]
                    if parents[child] == nil, child != root.id {
                        parents[child] = (current, "[\(offset)]")
                        stack.append(child)
                    }
                }
            case .mapping:
                for offset in stride(from: 0, to: Int(record.childCount), by: 2) {
                    let key = Node(document: document, id: document.childIDs[start + offset])
                    let child = document.childIDs[start + offset + 1]
                    if parents[child] == nil, child != root.id {
                        parents[child] = (current, "." + key.text)
                        stack.append(child)
                    }
                }
            }
        }
    }

    /// The path from the root to `node`, or nil when it is not below the root.
    package func path(to node: Node) -> String? {
        guard node.document === document else { return nil }
        var steps: [String] = []
        var current = node.id
        while current != root {
            guard let entry = parents[current] else { return nil }
            steps.append(entry.step)
            current = entry.parent
        }
        return steps.reversed().joined()
    }
}
