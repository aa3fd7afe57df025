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

/// The file a place is in, and the environment it is read in when that is not its
/// file's own. Made once per file by its parser (once per document when a document is
/// read again in an environment) and shared by every place in it: a place is then this
/// reference and a span, 24 bytes, where the path and the environment held inline made it
/// 48, and a large scan holds millions of places (every statement, fact, subject and
/// finding has one or more).
public final class SourceOrigin: Sendable, Hashable {
    /// The path as the user should see it.
    public let file: String
    /// A base that two Kustomize overlays build is read once for each, and each reading
    /// is a place of its own. Nil for a file read as itself.
    public let environment: String?

    public init(file: String, environment: String? = nil) {
        self.file = file
        self.environment = environment
    }

    /// The same file read in `environment`: this origin when that is already its own.
    public func reading(in environment: String?) -> SourceOrigin {
        environment == self.environment ? self : SourceOrigin(file: file, environment: environment)
    }

    public static func == (lhs: SourceOrigin, rhs: SourceOrigin) -> Bool {
        lhs === rhs || (lhs.file == rhs.file && lhs.environment == rhs.environment)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(environment)
    }
}

/// A span inside a named file.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file and environment, shared with the other places of the same reading.
    public var origin: SourceOrigin
    public var span: SourceSpan

    public init(origin: SourceOrigin, span: SourceSpan) {
        self.origin = origin
        self.span = span
    }

    /// A place with an origin of its own; places read from a tree share their document's.
    public init(file: String, span: SourceSpan, environment: String? = nil) {
        self.init(origin: SourceOrigin(file: file, environment: environment), span: span)
    }

    /// `file` is the path as the user should see it.
    public var file: String {
        get { origin.file }
        set { origin = SourceOrigin(file: newValue, environment: origin.environment) }
    }

    /// The environment the place is read in when that is not its file's own (see
    /// `SourceOrigin.environment`).
    public var environment: String? {
        get { origin.environment }
        set { origin = origin.reading(in: newValue) }
    }

    public var line: Int { Int(span.start.line) }
    public var column: Int { Int(span.start.column) }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.span.start) < (rhs.file, rhs.span.start)
    }

    public var description: String { "\(file):\(span.start)" }
}
