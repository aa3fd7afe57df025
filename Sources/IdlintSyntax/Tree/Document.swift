/// One parsed document: a YAML document of a stream, or a whole JSON or XML file.
/// Nodes live in flat arrays (an arena) so that building and walking a tree costs few
/// allocations; `Node` is a cheap view into it. Immutable once built, hence Sendable.
public final class Document: Sendable {
    /// The file, as shown to users, and the environment the tree is read in: shared by
    /// every place in it that is in that file.
    public let origin: SourceOrigin
    /// 0-based position of this document in its file's stream (YAML `---` documents).
    public let indexInFile: Int
    public let syntax: Syntax

    let records: [NodeRecord]
    /// Children of containers, in order; for mappings alternating key and value.
    let childIDs: [Int32]
    /// Scalar text of every node, UTF-8, back to back.
    let textPool: [UInt8]
    let tags: [String]
    /// For a tree composed from several files (an overlay's patch over its base): the
    /// origin of each of the files, and the index of each node's. Empty when every node is
    /// in `file`.
    let nodeOrigins: [SourceOrigin]
    let nodeFiles: [UInt16]

    init(origin: SourceOrigin, indexInFile: Int, syntax: Syntax, records: [NodeRecord], childIDs: [Int32], textPool: [UInt8], tags: [String],
         nodeOrigins: [SourceOrigin] = [], nodeFiles: [UInt16] = []) {
        self.origin = origin
        self.indexInFile = indexInFile
        self.syntax = syntax
        self.records = records
        self.childIDs = childIDs
        self.textPool = textPool
        self.tags = tags
        self.nodeOrigins = nodeOrigins
        self.nodeFiles = nodeFiles
    }

    /// Path of the file as shown to users.
    public var file: String { origin.file }

    /// The environment a composed document was built for (a Kustomize overlay), given to
    /// every place in it; nil for a file read as itself.
    public var environment: String? { origin.environment }

    /// The same tree read in another environment: a Terraform module called from an
    /// environment's root is that environment's, though its files are shared. The arena
    /// is shared, not copied.
    public func reading(in environment: String?) -> Document {
        guard environment != self.environment else { return self }
        let read = origin.reading(in: environment)
        return Document(origin: read, indexInFile: indexInFile, syntax: syntax, records: records, childIDs: childIDs, textPool: textPool, tags: tags,
                        nodeOrigins: nodeOrigins.map { $0 === origin ? read : $0.reading(in: environment) }, nodeFiles: nodeFiles)
    }

    /// The file, and environment, node `id` was written in.
    func origin(of id: Int32) -> SourceOrigin {
        nodeFiles.isEmpty ? origin : nodeOrigins[Int(nodeFiles[Int(id)])]
    }

    /// How many nodes the tree holds: a measure of its size in memory.
    package var nodeCount: Int { records.count }

    /// The document's top node. An empty document has a null scalar root.
    public var root: Node { Node(document: self, id: 0) }

    /// Whether node `id` is a scalar whose text is exactly `other`.
    package func scalar(_ id: Int32, equals other: UnsafeBufferPointer<UInt8>) -> Bool {
        let record = records[Int(id)]
        guard record.kind == .scalar, Int(record.textLength) == other.count else { return false }
        let start = Int(record.textStart)
        return textPool.withUnsafeBufferPointer { pool in
            for offset in 0..<other.count where pool[start + offset] != other[offset] { return false }
            return true
        }
    }
}

/// Which concrete syntax a document came from.
public enum Syntax: String, Sendable, CaseIterable {
    case yaml
    case json
    case xml
    /// Terraform's HCL native syntax (`.tf`).
    case hcl
    /// TOML (`.toml`: Codex's `config.toml`).
    case toml
}

public enum NodeKind: UInt8, Sendable {
    case scalar
    case mapping
    case sequence
}

/// How a scalar was written. Only plain YAML scalars can mean null, true or a number.
public enum ScalarStyle: UInt8, Sendable {
    case plain
    case quoted
    case block
}

struct NodeRecord: Sendable {
    var kind: NodeKind
    var style: ScalarStyle
    var tagIndex: Int32
    var textStart: Int32
    var textLength: Int32
    var childStart: Int32
    var childCount: Int32
    var start: SourcePosition
    var end: SourcePosition
}
