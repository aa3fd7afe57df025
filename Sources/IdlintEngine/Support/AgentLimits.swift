/// Bounds on what one tool call may ask for, so that an agent cannot make the server
/// read or hold without end. Refused calls say which bound they crossed.
public struct AgentLimits: Sendable {
    /// The longest JSON-RPC message (one line on standard input) the server reads.
    /// It is checked as the bytes arrive, before anything is parsed: a longer message
    /// is dropped unread and refused.
    public var maxMessageBytes = 4 << 20
    public var maxPaths = 256
    public var maxInlineFiles = 64
    public var maxInlineFileBytes = 1 << 20
    /// Below the message cap, with room for JSON escaping, so that it is the bound a
    /// caller meets (and is told about) rather than the transport's.
    public var maxInlineTotalBytes = 3 << 20
    public var maxRules = 512

    public init() {}
}
