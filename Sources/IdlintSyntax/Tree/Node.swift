/// A view of one node of a `Document`: mapping, sequence or scalar, with its position.
public struct Node: Sendable {
    public let document: Document
    let id: Int32

    init(document: Document, id: Int32) {
        self.document = document
        self.id = id
    }

    private var record: NodeRecord { document.records[Int(id)] }

    /// Whether both views show the same node of the same document (not merely equal text).
    public func isSameNode(as other: Node) -> Bool {
        id == other.id && document === other.document
    }

    public var kind: NodeKind { record.kind }
    public var isScalar: Bool { record.kind == .scalar }
    public var isMapping: Bool { record.kind == .mapping }
    public var isSequence: Bool { record.kind == .sequence }
    public var style: ScalarStyle { record.style }

    /// The node's tag as written (`!Ref`), or the libyaml long form for `!!` tags; nil when untagged.
    public var tag: String? {
        let index = record.tagIndex
        return index < 0 ? nil : document.tags[Int(index)]
    }

    /// A scalar standing for an expression idlint did not evaluate (a Terraform
    /// reference): its value is unknown, so no test may pass or fail on it.
    public var isUnevaluated: Bool {
        document.isUnevaluated(id)
    }

    public var span: SourceSpan { SourceSpan(start: record.start, end: record.end) }
    public var start: SourcePosition { record.start }
    public var location: SourceLocation { SourceLocation(origin: document.origin(of: id), span: span) }

    /// Scalar text; empty for containers.
    public var text: String {
        withTextBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// The scalar's UTF-8 bytes as written (empty for containers), without making a String.
    package func withTextBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let record = record
        let start = Int(record.textStart)
        return try document.textPool.withUnsafeBufferPointer { pool in
            try body(record.textLength > 0 ? UnsafeBufferPointer(rebasing: pool[start..<start + Int(record.textLength)]) : UnsafeBufferPointer(start: nil, count: 0))
        }
    }

    /// Compares scalar text without creating a String: the hot path of matching.
    public func textEquals(_ other: String) -> Bool {
        var other = other
        return other.withUTF8 { document.scalar(id, equals: $0) }
    }

    /// A plain YAML scalar meaning null (`~`, `null`, empty), or JSON `null`.
    public var isNull: Bool {
        document.isNullScalar(id)
    }

    /// The boolean a plain scalar spells, as YAML 1.1 and JSON read it; nil for anything else.
    public var boolValue: Bool? {
        guard isScalar, style == .plain else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on", "y": return true
        case "false", "no", "off", "n": return false
        default: return nil
        }
    }

    /// Children of a sequence, or values of a mapping.
    public var children: [Node] {
        switch kind {
        case .scalar: return []
        case .sequence: return elements
        case .mapping: return entries.map(\.value)
        }
    }

    public var elements: [Node] {
        guard kind == .sequence else { return [] }
        let record = record
        let start = Int(record.childStart)
        return (start..<start + Int(record.childCount)).map { Node(document: document, id: document.childIDs[$0]) }
    }

    public var entries: [(key: Node, value: Node)] {
        guard kind == .mapping else { return [] }
        let record = record
        let start = Int(record.childStart)
        return stride(from: start, to: start + Int(record.childCount), by: 2).map {
            (Node(document: document, id: document.childIDs[$0]), Node(document: document, id: document.childIDs[$0 + 1]))
        }
    }

    public var count: Int {
        kind == .mapping ? Int(record.childCount) / 2 : Int(record.childCount)
    }

    /// The value of the first entry whose key is the scalar `key`.
    public subscript(key: String) -> Node? {
        entry(key)?.value
    }

    /// The first entry whose key is the scalar `key`, key node included for locating findings.
    public func entry(_ key: String) -> (key: Node, value: Node)? {
        var key = key
        guard let found = key.withUTF8({ document.entry(of: id, key: $0) }) else { return nil }
        return (Node(document: document, id: found.key), Node(document: document, id: found.value))
    }

    /// Every value stored under `key` (XML elements repeat names; YAML allows duplicates).
    public func values(_ key: String) -> [Node] {
        entries.filter { $0.key.textEquals(key) }.map(\.value)
    }

    /// Scalar text of `self[key]`, when that is a scalar.
    public func string(_ key: String) -> String? {
        guard let value = self[key], value.isScalar, !value.isNull else { return nil }
        return value.text
    }
}

// MARK: - Walking without building arrays

extension Node {
    /// Calls `body` with each element of a sequence until it returns false.
    @discardableResult
    public func forEachElement(_ body: (Node) -> Bool) -> Bool {
        document.forEachElement(of: id) { body(Node(document: document, id: $0)) }
    }

    /// Calls `body` with each key and value of a mapping until it returns false.
    @discardableResult
    public func forEachEntry(_ body: (Node, Node) -> Bool) -> Bool {
        document.forEachEntry(of: id) { body(Node(document: document, id: $0), Node(document: document, id: $1)) }
    }
}
