import IdlintSyntax

/// A value together with the place it was written, so that facts derived from a
/// document can still point findings at the exact element.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    /// Nil for facts that come from built-in data rather than a scanned file.
    public var location: SourceLocation?

    public init(_ value: Value, at location: SourceLocation?) {
        self.value = value
        self.location = location
    }
}

extension Located where Value == String {
    init(_ node: Node) {
        self.init(node.text, at: node.location)
    }
}
