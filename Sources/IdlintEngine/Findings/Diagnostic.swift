import IdlintSyntax

/// A problem with an input rather than a risk in it: a file that could not be parsed,
/// a file skipped, a rule file that is malformed. Errors count as failures of the scan.
public struct Diagnostic: Sendable, Hashable, Comparable {
    public enum Level: String, Sendable, Codable {
        case error
        case warning
        case note
    }

    public var level: Level
    public var file: String
    public var position: SourcePosition?
    public var message: String

    public init(_ level: Level, file: String, at position: SourcePosition? = nil, _ message: String) {
        self.level = level
        self.file = file
        self.position = position
        // Parse errors and notes may quote what they read: through the one redactor.
        self.message = Redaction.scrub(message)
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.position?.line ?? 0, lhs.position?.column ?? 0, lhs.message)
            < (rhs.file, rhs.position?.line ?? 0, rhs.position?.column ?? 0, rhs.message)
    }

    /// `file:line:column`, or the file alone when there is no position.
    public var place: String {
        position.map { "\(file):\($0)" } ?? file
    }

    public var description: String {
        "\(place): \(level.rawValue): \(message)"
    }
}
