import FoundationEssentials
import IdlintSyntax

/// How a principal is recognised as an AI agent or automation: name globs, labels and
/// annotations, from `rulesets/agents.yaml`, extended by the project's `.idlint.yaml`.
public struct AgentRecognition: Sendable {
    public var nameGlobs: [GlobPattern] = []
    public var labels: [String: String] = [:]
    public var annotations: [String: String] = [:]
    /// Commit authors (name or email) whose changes count as an agent's.
    public var commitAuthors: [GlobPattern] = []
    /// Commit message lines (trailers such as `Co-authored-by:`) that mark an agent's change.
    public var commitTrailers: [GlobPattern] = []

    public init() {}

    /// Whether a commit looks written by an agent, from its author or its trailers.
    public func isAgentCommit(author: String, email: String, message: String) -> Bool {
        if commitAuthors.contains(where: { $0.matches(author) || $0.matches(email) }) { return true }
        return message.split(separator: "\n").contains { line in
            commitTrailers.contains { $0.matches(line.trimmingBlanks()) }
        }
    }

    public func isAgent(name: String, labels: TextPairs = [:], annotations: TextPairs = [:]) -> Bool {
        if nameGlobs.contains(where: { $0.matches(name) }) { return true }
        if self.labels.contains(where: { labels[$0.key] == $0.value }) { return true }
        return self.annotations.contains { annotations[$0.key] == $0.value }
    }

    public mutating func extend(with other: AgentRecognition) {
        nameGlobs += other.nameGlobs
        labels.merge(other.labels) { _, new in new }
        annotations.merge(other.annotations) { _, new in new }
        commitAuthors += other.commitAuthors
        commitTrailers += other.commitTrailers
    }

    static func parse(_ node: Node) throws -> AgentRecognition {
        _ = try node.requireMapping("agent recognition")
        try node.allowOnly(["name-globs", "labels", "annotations", "commit-authors", "commit-trailers"], in: "agent recognition")
        var recognition = AgentRecognition()
        recognition.nameGlobs = (try node.stringList("name-globs") ?? []).map { GlobPattern($0, caseInsensitive: true) }
        recognition.labels = try node.stringDictionary("labels")
        recognition.annotations = try node.stringDictionary("annotations")
        recognition.commitAuthors = (try node.stringList("commit-authors") ?? []).map { GlobPattern.overText($0, caseInsensitive: true) }
        recognition.commitTrailers = (try node.stringList("commit-trailers") ?? []).map { GlobPattern.overText($0, caseInsensitive: true) }
        return recognition
    }
}
