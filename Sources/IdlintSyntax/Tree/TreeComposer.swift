/// Builds a new positioned tree out of parts of parsed ones: how Terraform's evaluated
/// forms (a policy document data source written out as the JSON policy it renders, a
/// Kubernetes role resource as the manifest it creates) reach the rules that read the
/// native form. Every node carries a place in the file the tree is composed for, so a
/// finding on it points at the HCL the value came from.
package struct TreeComposer {
    private var builder: DocumentBuilder
    package let file: String
    /// Nodes written so far; a composed tree is bounded as a parsed one is, so that
    /// values that fan out (a list of ten references to a list of ten...) are refused
    /// long before they exhaust time or memory.
    private var written: Int64 = 0
    private let maxNodes: Int64

    /// `environment` is given to every place of the tree; `syntax` is the one it stands for.
    package init(file: String, environment: String? = nil, syntax: Syntax = .hcl, limits: ParseLimits = .standard) {
        self.file = file
        maxNodes = min(limits.maxExpandedNodes, 200_000)
        builder = DocumentBuilder(file: file, indexInFile: 0, syntax: syntax, limits: limits, environment: environment)
    }

    /// Places the nodes written from now on in another file: a tree joined from several
    /// (a Kustomize overlay's patch over its base) keeps each node in its own.
    package mutating func place(in file: String) {
        builder.place(in: file)
    }

    private mutating func count(at place: SourcePosition) throws {
        written += 1
        guard written <= maxNodes else {
            throw SyntaxError(.aliasExpansion, "an evaluated value grows past \(maxNodes) nodes; refused", at: place)
        }
    }

    /// A scalar; `tag` marks an unevaluated expression (`hclExpressionTag`).
    package mutating func scalar(_ text: String, style: ScalarStyle = .quoted, tag: String? = nil, at span: SourceSpan) throws {
        try count(at: span.start)
        try builder.scalar(text, style: style, tag: tag, start: span.start, end: span.end)
    }

    /// Opens a mapping or sequence; mappings take key and value alternately.
    package mutating func begin(_ kind: NodeKind, at start: SourcePosition) throws {
        try count(at: start)
        try builder.beginContainer(kind, tag: nil, anchor: nil, start: start)
    }

    package mutating func end(at end: SourcePosition) throws {
        try builder.endContainer(end: end)
    }

    package mutating func finish() throws -> Document {
        try builder.finish()
    }
}
