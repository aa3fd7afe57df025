/// Stepping through a document by node id, for walks that visit many nodes and keep
/// few (the rule language's paths). A `Node` holds its document strongly, so making
/// one per step cost a retain and a release each: the largest single cost of judging
/// documents. A walk holds the document once, steps by id, and makes a `Node` only of
/// what it hands on.
extension Document {
    /// The node `id` of this document as a view.
    package func node(_ id: Int32) -> Node {
        Node(document: self, id: id)
    }

    /// Whether node `id` stands for an expression idlint did not evaluate (`Node.isUnevaluated`).
    package func isUnevaluated(_ id: Int32) -> Bool {
        let index = records[Int(id)].tagIndex
        return index >= 0 && tags[Int(index)] == hclExpressionTag
    }

    /// Whether node `id` is a plain scalar meaning null (`Node.isNull`): empty, `~`, or
    /// `null` in one of its three spellings. Asked of nearly every value read.
    package func isNullScalar(_ id: Int32) -> Bool {
        let record = records[Int(id)]
        guard record.kind == .scalar, record.style == .plain else { return false }
        let start = Int(record.textStart)
        switch record.textLength {
        case 0: return true
        case 1: return textPool[start] == UInt8(ascii: "~")
        case 4:
            let word = (textPool[start], textPool[start + 1], textPool[start + 2], textPool[start + 3])
            return word == (0x6E, 0x75, 0x6C, 0x6C) || word == (0x4E, 0x75, 0x6C, 0x6C) || word == (0x4E, 0x55, 0x4C, 0x4C)
        default: return false
        }
    }

    /// The ids of the first entry of mapping `id` whose key is the scalar `key`.
    package func entry(of id: Int32, key: UnsafeBufferPointer<UInt8>) -> (key: Int32, value: Int32)? {
        let record = records[Int(id)]
        guard record.kind == .mapping else { return nil }
        let start = Int(record.childStart)
        var index = start
        while index < start + Int(record.childCount) {
            if scalar(childIDs[index], equals: key) { return (childIDs[index], childIDs[index + 1]) }
            index += 2
        }
        return nil
    }

    /// The id of element `position` of sequence `id`, if it has one.
    package func element(of id: Int32, at position: Int) -> Int32? {
        let record = records[Int(id)]
        guard record.kind == .sequence, position >= 0, position < Int(record.childCount) else { return nil }
        return childIDs[Int(record.childStart) + position]
    }

    /// Calls `body` with the key and value ids of each entry of mapping `id` until it returns false.
    @discardableResult
    package func forEachEntry(of id: Int32, _ body: (Int32, Int32) -> Bool) -> Bool {
        let record = records[Int(id)]
        guard record.kind == .mapping else { return true }
        let start = Int(record.childStart)
        var index = start
        while index < start + Int(record.childCount) {
            if !body(childIDs[index], childIDs[index + 1]) { return false }
            index += 2
        }
        return true
    }

    /// Calls `body` with the id of each element of sequence `id` until it returns false.
    @discardableResult
    package func forEachElement(of id: Int32, _ body: (Int32) -> Bool) -> Bool {
        let record = records[Int(id)]
        guard record.kind == .sequence else { return true }
        let start = Int(record.childStart)
        for index in start..<start + Int(record.childCount) where !body(childIDs[index]) { return false }
        return true
    }
}

extension Node {
    /// The node's id in its document, for walks by id.
    package var nodeID: Int32 { id }
}
