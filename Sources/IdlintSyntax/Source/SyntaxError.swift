/// Why a file could not be turned into a tree, and where. Parsers throw it; the scan
/// turns it into a diagnostic that names file, line and column and goes on.
public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        case malformed
        case invalidEncoding
        case tooDeep
        case aliasExpansion
        case forbiddenConstruct
    }

    public var reason: Reason
    public var message: String
    public var position: SourcePosition?

    public init(_ reason: Reason, _ message: String, at position: SourcePosition? = nil) {
        self.reason = reason
        self.message = message
        self.position = position
    }

    public var description: String {
        if let position { return "\(position): \(message)" }
        return message
    }
}
