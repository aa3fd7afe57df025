/// Builds a `Document` from a stream of parse events. Shared by the YAML, JSON and
/// XML parsers so every syntax yields the same tree, with the same limits applied.
struct DocumentBuilder {
    /// The file and environment, made once and shared by every document of the stream and
    /// every place in them that is in this file (a composed tree's other files have theirs).
    private let origin: SourceOrigin
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
    /// A tree composed from several files: the files, each node's file, and the file of
    /// the nodes written now. Empty until a node of a second file is written.
    private var nodeOrigins: [SourceOrigin] = []
    private var nodeFiles: [UInt16] = []
    private var currentFile: UInt16 = 0

    /// Open containers; their children wait in `pendingChildren` until the container ends.
    private var openContainers: [(id: Int32, firstPending: Int)] = []
    private var pendingChildren: [Int32] = []

    /// When set, every node gets this place: for documents embedded in a string of
    /// another file (a policy held as a JSON string in a Terraform plan), whose findings
    /// belong on that string.
    private let fixedSpan: SourceSpan?
    /// When set, every place is moved by these lines and columns: for documents embedded
    /// as a block of lines in another file (JSON in a Terraform heredoc), whose lines
    /// are that file's lines further down.
    private let shift: (lines: Int, columns: Int)?

    init(file: String, indexInFile: Int, syntax: Syntax, limits: ParseLimits, fixedSpan: SourceSpan? = nil, shift: (lines: Int, columns: Int)? = nil,
         environment: String? = nil) {
        origin = SourceOrigin(file: file, environment: environment)
        self.fixedSpan = fixedSpan
        self.shift = shift
        self.indexInFile = indexInFile
        self.syntax = syntax
        self.limits = limits
    }

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

    mutating func scalar(_ text: String, style: ScalarStyle, tag: String? = nil, start: SourcePosition, end: SourcePosition) throws {
        var text = text
        try text.withUTF8 { bytes throws in
            try scalar(bytes, style: style, tag: tag, anchor: nil, start: start, end: end)
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
        if records[Int(id)].kind == .mapping, !syntax.repeatsKeys {
            // XML repeats child names by design; YAML and JSON mappings must not.
            try resolveMergeKeys(from: firstPending)
            try refuseDuplicateKeys(from: firstPending)
        }
        // The children are read through a buffer pointer, never held as a slice: a slice
        // alive at the removal below made it copy the whole pending list, which under a
        // long list (a realm export's thousands of clients) is every sibling so far, at
        // the end of every container inside it.
        let childCount = pendingChildren.count - firstPending
        var expanded: Int64 = 1
        pendingChildren.withUnsafeBufferPointer { pending in
            for child in pending[firstPending...] { expanded = expanded &+ expandedSizes[Int(child)] }
        }
        guard expanded <= limits.maxExpandedNodes else {
            throw SyntaxError(.aliasExpansion, "document expands to more than \(limits.maxExpandedNodes) nodes through aliases; refused", at: records[Int(id)].start)
        }
        expandedSizes[Int(id)] = expanded
        records[Int(id)].childStart = Int32(clamping: childIDs.count)
        records[Int(id)].childCount = Int32(clamping: childCount)
        records[Int(id)].end = fixedSpan?.end ?? shifted(end)
        pendingChildren.withUnsafeBufferPointer { childIDs.append(contentsOf: $0[firstPending...]) }
        pendingChildren.removeLast(childCount)
        attach(id)
    }

    /// YAML merge keys (`<<: *defaults`): the merged mappings' entries join this one unless
    /// it sets the key itself, as Kubernetes' YAML decoder does. Hiding a rule behind a
    /// merge must not hide it from idlint.
    private mutating func resolveMergeKeys(from first: Int) throws {
        guard syntax == .yaml, stride(from: first, to: pendingChildren.count, by: 2).contains(where: { isMergeKey(pendingChildren[$0]) }) else { return }
        var explicit: [Int32] = []
        var merged: [Int32] = []
        var index = first
        var sawMerge = false
        while index + 1 < pendingChildren.count {
            let key = pendingChildren[index], value = pendingChildren[index + 1]
            if isMergeKey(key) {
                sawMerge = true
                let sources = records[Int(value)].kind == .sequence ? elementIDs(of: value) : [value]
                for source in sources {
                    guard records[Int(source)].kind == .mapping else {
                        throw SyntaxError(.malformed, "a merge key (<<) must refer to a mapping or a list of mappings", at: records[Int(key)].start)
                    }
                    merged += elementIDs(of: source)
                }
            } else {
                explicit += [key, value]
            }
            index += 2
        }
        guard sawMerge else { return }
        var result = explicit
        var pair = 0
        while pair + 1 < merged.count {
            let key = merged[pair]
            if !stride(from: 0, to: result.count, by: 2).contains(where: { sameScalar(result[$0], key) }) {
                result += [key, merged[pair + 1]]
            }
            pair += 2
        }
        pendingChildren.replaceSubrange(first..., with: result)
    }

    /// A key is quoted in an error only when it reads as a name (`rules`, `app.kubernetes.io/name`):
    /// a key can be a secret (a password used as a map key), and errors leave idlint.
    static func quotable(key: String) -> String {
        let digits = key.utf8.count { (0x30...0x39).contains($0) }
        let nameLike = key.utf8.count <= 64 && key.first?.isLetter == true && digits <= 2
            && key.utf8.allSatisfy { byte in
                (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || "_-./".utf8.contains(byte)
            }
        return nameLike ? "'\(key)'" : "(a key that does not read as a name, not quoted)"
    }

    /// Duplicate keys make a mapping ambiguous: API clients disagree on which value wins,
    /// so a permission could hide behind a harmless first value. Refused.
    private func refuseDuplicateKeys(from first: Int) throws {
        let count = (pendingChildren.count - first) / 2
        guard count > 1 else { return }
        func duplicate(_ later: Int32, of earlier: Int32) -> SyntaxError {
            let text = String(decoding: textPool[Int(records[Int(later)].textStart)..<Int(records[Int(later)].textStart + records[Int(later)].textLength)], as: UTF8.self)
            return SyntaxError(.malformed, "duplicate key \(Self.quotable(key: text)) (first at \(records[Int(earlier)].start)); which value counts is ambiguous, so the file is refused",
                               at: records[Int(later)].start)
        }
        // Small mappings (nearly all) are checked pairwise, without allocating.
        if count <= 16 {
            for later in 1..<count {
                let laterKey = pendingChildren[first + 2 * later]
                guard records[Int(laterKey)].kind == .scalar else { continue }
                for earlier in 0..<later where sameScalar(pendingChildren[first + 2 * earlier], laterKey) {
                    throw duplicate(laterKey, of: pendingChildren[first + 2 * earlier])
                }
            }
            return
        }
        var seen: [String: Int32] = [:]
        for key in stride(from: first, to: pendingChildren.count, by: 2).map({ pendingChildren[$0] }) where records[Int(key)].kind == .scalar {
            let record = records[Int(key)]
            let text = String(decoding: textPool[Int(record.textStart)..<Int(record.textStart + record.textLength)], as: UTF8.self)
            if let earlier = seen.updateValue(key, forKey: text) { throw duplicate(key, of: earlier) }
        }
    }

    private func isMergeKey(_ id: Int32) -> Bool {
        let record = records[Int(id)]
        guard record.kind == .scalar, record.style == .plain, record.textLength == 2 else { return false }
        if record.tagIndex >= 0, tags[Int(record.tagIndex)] != "tag:yaml.org,2002:merge" { return false }
        let start = Int(record.textStart)
        return textPool[start] == UInt8(ascii: "<") && textPool[start + 1] == UInt8(ascii: "<")
    }

    private func sameScalar(_ left: Int32, _ right: Int32) -> Bool {
        let a = records[Int(left)], b = records[Int(right)]
        guard a.kind == .scalar, b.kind == .scalar, a.textLength == b.textLength else { return false }
        return textPool[Int(a.textStart)..<Int(a.textStart + a.textLength)].elementsEqual(textPool[Int(b.textStart)..<Int(b.textStart + b.textLength)])
    }

    /// Children of a finished container.
    private func elementIDs(of id: Int32) -> [Int32] {
        let record = records[Int(id)]
        return Array(childIDs[Int(record.childStart)..<Int(record.childStart + record.childCount)])
    }

    /// Places the nodes written from now on in `other` (a tree composed from several files).
    mutating func place(in other: String) {
        if nodeOrigins.isEmpty {
            guard other != origin.file else { return }
            nodeOrigins = [origin]
        }
        if let index = nodeOrigins.firstIndex(where: { $0.file == other }) {
            currentFile = UInt16(index)
        } else if nodeOrigins.count < Int(UInt16.max) {
            nodeOrigins.append(SourceOrigin(file: other, environment: origin.environment))
            currentFile = UInt16(nodeOrigins.count - 1)
        }
    }

    /// A YAML alias: the anchored node is shared, not copied, and counted as expanded.
    mutating func alias(_ name: String, at position: SourcePosition) throws {
        guard let target = anchors[name] else {
            // The alias is not quoted: `password: *Summer2024!` reads as one.
            throw SyntaxError(.malformed, "an alias (*) refers to no anchor; a value that starts with * must be quoted", at: position)
        }
        guard records[Int(target)].kind == .scalar || !openContainers.contains(where: { $0.id == target }) else {
            throw SyntaxError(.malformed, "an alias (*) refers to a node that contains it", at: position)
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
        if !nodeOrigins.isEmpty { nodeFiles += repeatElement(0, count: records.count - nodeFiles.count) }
        // An array of ordinary size is copied to exactly its size. Handing over the
        // builder's own arrays gave the document their spare capacity (up to as much again,
        // from growing by doubling), held for as long as the tree is: a Terraform module's
        // trees are held until all its files are read. The builder keeps the array, so the
        // next document of the stream grows none of them again. A large one (a realm
        // export's nodes, one long block scalar's text) is handed over as it is, and the
        // builder starts anew: a copy would hold it twice at once (146 -> 195 MB).
        func handed<Element>(_ array: inout [Element]) -> [Element] {
            guard array.count * MemoryLayout<Element>.stride <= Self.largestCopiedBytes else {
                defer { array = [] }
                return array
            }
            defer { array.removeAll(keepingCapacity: true) }
            return array.withUnsafeBufferPointer { Array($0) }
        }
        let document = Document(origin: origin, indexInFile: indexInFile, syntax: syntax, records: handed(&records), childIDs: handed(&childIDs),
                                textPool: handed(&textPool), tags: tags, nodeOrigins: nodeOrigins, nodeFiles: nodeFiles)
        nodeOrigins = []
        nodeFiles = []
        currentFile = 0
        indexInFile += 1
        expandedSizes.removeAll(keepingCapacity: true)
        pendingChildren.removeAll(keepingCapacity: true)
        openContainers.removeAll(keepingCapacity: true)
        tags.removeAll()
        tagIndexByName.removeAll()
        anchors.removeAll()
        return document
    }

    /// The largest array of a finished tree that is copied to its size, in bytes.
    static let largestCopiedBytes = 1 << 21

    private mutating func appendRecord(_ record: NodeRecord) -> Int32 {
        var record = record
        if let fixedSpan {
            record.start = fixedSpan.start
            record.end = fixedSpan.end
        } else if shift != nil {
            record.start = shifted(record.start)
            record.end = shifted(record.end)
        }
        if !nodeOrigins.isEmpty {
            nodeFiles += repeatElement(0, count: records.count - nodeFiles.count)
            nodeFiles.append(currentFile)
        }
        records.append(record)
        return Int32(records.count - 1)
    }

    private func shifted(_ position: SourcePosition) -> SourcePosition {
        guard let shift else { return position }
        return SourcePosition(line: position.line &+ Int32(clamping: shift.lines), column: position.column &+ Int32(clamping: shift.columns))
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
