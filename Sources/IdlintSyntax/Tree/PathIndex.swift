/// Logical paths (`.rules[0].verbs[1]`) of every node below a root, built in one walk, so
/// that any number of findings in one object cost one pass, not one search each.
///
/// Each node keeps only its parent and its place among the parent's children; a path's
/// words are made when it is asked for. A realm export is one object of a million nodes,
/// and making every step's text up front was an eighth of its scan. Kept by node id in a
/// dictionary, not arrays over the document: an object is often one of thousands in one
/// document (an account export, a template), and each index stays the size of its object.
package struct PathIndex {
    private let document: Document
    private let root: Int32
    /// Per node id below the root: the parent it was first reached from, and where it
    /// sits among that parent's children (a mapping's value, after its key).
    private var parents: [Int32: (parent: Int32, place: Int32)] = [:]

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
                    reach(document.childIDs[start + offset], from: current, at: offset, stack: &stack)
                }
            case .mapping:
                for offset in stride(from: 0, to: Int(record.childCount), by: 2) {
                    reach(document.childIDs[start + offset + 1], from: current, at: offset + 1, stack: &stack)
                }
            }
        }
    }

    private mutating func reach(_ child: Int32, from parent: Int32, at place: Int, stack: inout [Int32]) {
        guard parents[child] == nil, child != root else { return }
        parents[child] = (parent, Int32(place))
        stack.append(child)
    }

    /// The path from the root to `node`, or nil when it is not below the root.
    package func path(to node: Node) -> String? {
        guard node.document === document else { return nil }
        var steps: [String] = []
        var current = node.id
        while current != root {
            guard let (parent, place) = parents[current] else { return nil }
            let record = document.records[Int(parent)]
            if record.kind == .sequence {
                steps.append("[\(place)]")
            } else {
                // The key sits just before its value.
                steps.append("." + Node(document: document, id: document.childIDs[Int(record.childStart) + Int(place) - 1]).text)
            }
            current = parent
        }
        return steps.reversed().joined()
    }
}
