/// Bounds on what one tool call may ask for, so that an agent cannot make the server
/// read or hold without end. Refused calls say which bound they crossed.
public struct AgentLimits: Sendable {
    public var maxPaths = 256
    public var maxInlineFiles = 64
    public var maxInlineFileBytes = 1 << 20
    public var maxInlineTotalBytes = 8 << 20
    public var maxRules = 512

    public init() {}
}
