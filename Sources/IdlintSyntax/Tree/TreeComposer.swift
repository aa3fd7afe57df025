/// Builds a new positioned tree out of parts of parsed ones: how Terraform's evaluated
/// forms (a policy document data source written out as the JSON policy it renders, a
/// Kubernetes role resource as the manifest it creates) reach the rules that read the
/// native form. Every node carries a place in the file the tree is composed for, so a
/// finding on it points at the HCL the value came from.
public struct TreeComposer {
    private var builder: DocumentBuilder
    public let file: String

    public init(file: String, limits: ParseLimits = .standard) {
        self.file = file
        builder = DocumentBuilder(file: file, indexInFile: 0, syntax: .hcl, limits: limits)
    }

    /// A scalar; `tag` marks an unevaluated expression (`hclExpressionTag`).
    public mutating func scalar(_ text: String, style: ScalarStyle = .quoted, tag: String? = nil, at span: SourceSpan) throws {
        try builder.scalar(text, style: style, tag: tag, start: span.start, end: span.end)
    }

    /// Opens a mapping or sequence; mappings take key and value alternately.
    public mutating func begin(_ kind: NodeKind, at start: SourcePosition) throws {
        try builder.beginContainer(kind, tag: nil, anchor: nil, start: start)
    }

    public mutating func end(at end: SourcePosition) throws {
        try builder.endContainer(end: end)
    }

    public mutating func finish() throws -> Document {
        try builder.finish()
    }
}
