/// Which principals of a model are AI agents or automation: by their own name, or by
/// the labels and annotations of their service account or of a workload that runs as it.
struct AgentPrincipals: Sendable {
    private let labelled: Set<PrincipalRef>
    private let recognition: AgentRecognition

    init(_ kubernetes: KubernetesFacts, _ recognition: AgentRecognition) {
        self.recognition = recognition
        var labelled = Set<PrincipalRef>()
        for account in kubernetes.serviceAccounts where recognition.isAgent(name: account.ref.name, labels: account.labels, annotations: account.annotations) {
            labelled.insert(account.ref)
        }
        for workload in kubernetes.workloads where recognition.isAgent(name: workload.ref.name, labels: workload.labels, annotations: workload.annotations) {
            labelled.insert(workload.serviceAccount)
        }
        self.labelled = labelled
    }

    /// An MCP server is the agent's own reach (its tools and what they are handed), so
    /// it counts as an agent identity: an agent's change may not widen it.
    func contains(_ principal: PrincipalRef) -> Bool {
        principal.platform == .mcp || labelled.contains(principal) || recognition.isAgent(name: principal.name)
    }
}
