/// Bounds that keep hostile input from exhausting time or memory. Identity
/// configuration is shallow and small; these leave ample room for real files.
public struct ParseLimits: Sendable, Equatable {
    /// Deepest nesting of mappings and sequences (or XML elements) accepted.
    public var maxDepth: Int
    /// Most nodes a YAML document may reach once its aliases are counted as expanded.
    public var maxExpandedNodes: Int64

    public init(maxDepth: Int = 256, maxExpandedNodes: Int64 = 1_000_000) {
        self.maxDepth = maxDepth
        self.maxExpandedNodes = maxExpandedNodes
    }

    public static let standard = ParseLimits()
}
