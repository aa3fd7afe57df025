import IdlintSyntax

/// A value together with where it was written. The file is not repeated in every
/// value: the fact that holds the values knows it (see `location(in:)`), which keeps
/// the many small values of permission statements compact.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    /// Nil for values that come from built-in data rather than a scanned file.
    public var span: SourceSpan?

    public init(_ value: Value, span: SourceSpan?) {
        self.value = value
        self.span = span
    }

    public func location(in file: String?) -> SourceLocation? {
        guard let file, let span else { return nil }
        return SourceLocation(file: file, span: span)
    }
}

extension Located where Value == String {
    init(_ node: Node) {
        self.init(node.text, span: node.span)
    }
}
