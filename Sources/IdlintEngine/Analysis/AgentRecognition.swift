import IdlintSyntax

/// How a principal is recognised as an AI agent or automation: name globs, labels and
/// annotations, from `rulesets/agents.yaml`, extended by the project's `.idlint.yaml`.
public struct AgentRecognition: Sendable {
    public var nameGlobs: [GlobPattern] = []
    public var labels: [String: String] = [:]
    public var annotations: [String: String] = [:]

    public init() {}

    public func isAgent(name: String, labels: [String: String] = [:], annotations: [String: String] = [:]) -> Bool {
        if nameGlobs.contains(where: { $0.matches(name) }) { return true }
        if self.labels.contains(where: { labels[$0.key] == $0.value }) { return true }
        return self.annotations.contains { annotations[$0.key] == $0.value }
    }

    public mutating func extend(with other: AgentRecognition) {
        nameGlobs += other.nameGlobs
        labels.merge(other.labels) { _, new in new }
        annotations.merge(other.annotations) { _, new in new }
    }

    static func parse(_ node: Node) throws -> AgentRecognition {
        _ = try node.requireMapping("agent recognition")
        try node.allowOnly(["name-globs", "labels", "annotations"], in: "agent recognition")
        var recognition = AgentRecognition()
        recognition.nameGlobs = (try node.stringList("name-globs") ?? []).map { GlobPattern($0, caseInsensitive: true) }
        recognition.labels = try node.stringDictionary("labels")
        recognition.annotations = try node.stringDictionary("annotations")
        return recognition
    }
}
