/// Builds a `Document` from a stream of parse events. Shared by the YAML, JSON and
/// XML parsers so every syntax yields the same tree, with the same limits applied.
struct DocumentBuilder {
    private let file: String
    private var indexInFile: Int
    private let syntax: Syntax
    private let limits: ParseLimits

    private var records: [NodeRecord] = []
    private var childIDs: [Int32] = []
    private var textPool: [UInt8] = []
    private var tags: [String] = []
    private var tagIndexByName: [String: Int32] = [:]
    /// Node count of each subtree with aliases expanded, to stop alias bombs early.
    private var expandedSizes: [Int64] = []
    private var anchors: [String: Int32] = [:]

    /// Open containers; their children wait in `pendingChildren` until the container ends.
    private var openContainers: [(id: Int32, firstPending: Int)] = []
    private var pendingChildren: [Int32] = []

    init(file: String, indexInFile: Int, syntax: Syntax, limits: ParseLimits) {
        self.file = file
        self.indexInFile = indexInFile
        self.syntax = syntax
        self.limits = limits
    }

    var depth: Int { openContainers.count }

    mutating func scalar(_ text: UnsafeBufferPointer<UInt8>, style: ScalarStyle, tag: String?, anchor: String?, start: SourcePosition, end: SourcePosition) throws {
        let textStart = Int32(clamping: textPool.count)
        textPool.append(contentsOf: text)
        let id = appendRecord(NodeRecord(
            kind: .scalar, style: style, tagIndex: tagIndex(tag), textStart: textStart, textLength: Int32(clamping: text.count),
            childStart: 0, childCount: 0, start: start, end: end
        ))
        expandedSizes.append(1)
        if let anchor { anchors[anchor] = id }
        attach(id)
    }

    mutating func scalar(_ text: String, style: ScalarStyle, start: SourcePosition, end: SourcePosition) throws {
        var text = text
        try text.withUTF8 { bytes throws in
            try scalar(bytes, style: style, tag: nil, anchor: nil, start: start, end: end)
        }
    }

    mutating func beginContainer(_ kind: NodeKind, tag: String?, anchor: String?, start: SourcePosition) throws {
        guard openContainers.count < limits.maxDepth else {
            throw SyntaxError(.tooDeep, "nesting deeper than \(limits.maxDepth) levels is refused", at: start)
        }
        let id = appendRecord(NodeRecord(
            kind: kind, style: .plain, tagIndex: tagIndex(tag), textStart: 0, textLength: 0,
            childStart: 0, childCount: 0, start: start, end: start
        ))
        expandedSizes.append(1)
        if let anchor { anchors[anchor] = id }
        openContainers.append((id, pendingChildren.count))
    }

    mutating func endContainer(end: SourcePosition) throws {
        let (id, firstPending) = openContainers.removeLast()
        let children = pendingChildren[firstPending...]
        var expanded: Int64 = 1
        for child in children {
            expanded = expanded &+ expandedSizes[Int(child)]
        }
        guard expanded <= limits.maxExpandedNodes else {
            throw SyntaxError(.aliasExpansion, "document expands to more than \(limits.maxExpandedNodes) nodes through aliases; refused", at: records[Int(id)].start)
        }
        expandedSizes[Int(id)] = expanded
        records[Int(id)].childStart = Int32(clamping: childIDs.count)
        records[Int(id)].childCount = Int32(clamping: children.count)
        records[Int(id)].end = end
        childIDs.append(contentsOf: children)
        pendingChildren.removeSubrange(firstPending...)
        attach(id)
    }

    /// A YAML alias: the anchored node is shared, not copied, and counted as expanded.
    mutating func alias(_ name: String, at position: SourcePosition) throws {
        guard let target = anchors[name] else {
            throw SyntaxError(.malformed, "alias *\(name) refers to no anchor", at: position)
        }
        guard records[Int(target)].kind == .scalar || !openContainers.contains(where: { $0.id == target }) else {
            throw SyntaxError(.malformed, "alias *\(name) refers to a node that contains it", at: position)
        }
        attach(target)
    }

    /// Ends the document; an empty document becomes a single null scalar. The builder
    /// is then ready for the next document of the stream, its buffers kept for reuse.
    mutating func finish() throws -> Document {
        if records.isEmpty {
            try scalar(UnsafeBufferPointer(start: nil, count: 0), style: .plain, tag: nil, anchor: nil,
                       start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 1))
        }
        let document = Document(file: file, indexInFile: indexInFile, syntax: syntax, records: Array(records), childIDs: Array(childIDs),
                                textPool: Array(textPool), tags: tags)
        indexInFile += 1
        records.removeAll(keepingCapacity: true)
        childIDs.removeAll(keepingCapacity: true)
        textPool.removeAll(keepingCapacity: true)
        expandedSizes.removeAll(keepingCapacity: true)
        pendingChildren.removeAll(keepingCapacity: true)
        openContainers.removeAll(keepingCapacity: true)
        tags.removeAll()
        tagIndexByName.removeAll()
        anchors.removeAll()
        return document
    }

    private mutating func appendRecord(_ record: NodeRecord) -> Int32 {
        records.append(record)
        return Int32(records.count - 1)
    }

    private mutating func attach(_ id: Int32) {
        if !openContainers.isEmpty {
            pendingChildren.append(id)
        }
    }

    private mutating func tagIndex(_ tag: String?) -> Int32 {
        guard let tag else { return -1 }
        if let index = tagIndexByName[tag] { return index }
        let index = Int32(tags.count)
        tags.append(tag)
        tagIndexByName[tag] = index
        return index
    }
}
