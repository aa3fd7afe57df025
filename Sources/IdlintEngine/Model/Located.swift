import IdlintSyntax

/// A value together with where it was written. The file is not repeated in every
/// value: the fact that holds the values knows it (see `location(in:)`), which keeps
/// the many small values of permission statements compact.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    /// The span, or one starting on line `unwrittenLine` for none. An optional span takes
    /// a ninth byte of tag and, after alignment, made a located string 40 bytes rather
    /// than 32; a scan of a large cluster holds millions of them.
    private var writtenSpan: SourceSpan

    /// No parser reports a line below 1, so this line cannot be a written place.
    private static var unwrittenLine: Int32 { Int32.min }

    /// Nil for values that come from built-in data rather than a scanned file.
    public var span: SourceSpan? {
        get { writtenSpan.start.line == Self.unwrittenLine ? nil : writtenSpan }
        set { writtenSpan = newValue ?? Self.unwritten }
    }

    public init(_ value: Value, span: SourceSpan?) {
        self.value = value
        self.writtenSpan = span ?? Self.unwritten
    }

    private static var unwritten: SourceSpan {
        SourceSpan(at: SourcePosition(line: unwrittenLine, column: unwrittenLine))
    }

    /// The place in `origin` (the file and environment of the fact that holds the value).
    public func location(in origin: SourceOrigin?) -> SourceLocation? {
        guard let origin, let span else { return nil }
        return SourceLocation(origin: origin, span: span)
    }
}

extension SourceLocation {
    /// Where a finding is put when its fact has no place (a grant of built-in data): one
    /// value, not an origin made for each finding.
    static let unknown = SourceLocation(file: "?", span: SourceSpan(at: SourcePosition(line: 1, column: 1)))
}

extension Located where Value == String {
    /// A statement value: its text is shared with equal values read before (`SharedTexts`).
    init(_ node: Node) {
        self.init(SharedTexts.text(of: node), span: node.span)
    }
}
