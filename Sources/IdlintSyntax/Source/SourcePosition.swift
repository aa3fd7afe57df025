/// A place in a text file: 1-based line and 1-based column counted in Unicode scalars,
/// which is what libyaml reports and what SARIF calls `unicodeCodePoints`.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int32
    public var column: Int32

    public init(line: Int32, column: Int32) {
        self.line = line
        self.column = column
    }

    public init(line: Int, column: Int) {
        self.init(line: Int32(clamping: line), column: Int32(clamping: column))
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// The start and end of an element. The end is exclusive where the parser knows it.
public struct SourceSpan: Sendable, Hashable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    public init(at position: SourcePosition) {
        self.init(start: position, end: position)
    }
}

/// A span inside a named file. `file` is the path as the user should see it.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var span: SourceSpan
    /// The environment the place is read in when that is not its file's own: a base that
    /// two Kustomize overlays build is read once for each, and each reading is a place of
    /// its own. Nil for a file read as itself.
    public var environment: String?

    public init(file: String, span: SourceSpan, environment: String? = nil) {
        self.file = file
        self.span = span
        self.environment = environment
    }

    public var line: Int { Int(span.start.line) }
    public var column: Int { Int(span.start.column) }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.span.start) < (rhs.file, rhs.span.start)
    }

    public var description: String { "\(file):\(span.start)" }
}
