/// The merged model with what whole-model analyses derive from it once: effective
/// grants, an index of them by action, and which principals are agents.
struct ModelContext: Sendable {
    let model: IdentityModel
    let grants: [Grant]
    /// Grant positions by each action their statement lists (`*` included), so a rule
    /// looks only at grants that can allow what it looks for.
    let grantsByAction: [String: [Int]]
    private let agents: Set<PrincipalRef>

    init(model: IdentityModel, library: RuleLibrary) {
        self.model = model
        let grants = KubernetesRBACResolver(facts: model.kubernetes, builtInRoles: library.builtInRoles).grants()
        self.grants = grants
        var byAction: [String: [Int]] = [:]
        for (index, grant) in grants.enumerated() {
            var seen = Set<String>()
            for action in grant.statement.actions where seen.insert(action.value).inserted {
                byAction[action.value, default: []].append(index)
            }
        }
        grantsByAction = byAction

        let recognition = library.agentRecognition
        var agents = Set<PrincipalRef>()
        for account in model.kubernetes.serviceAccounts where recognition.isAgent(name: account.ref.name, labels: account.labels, annotations: account.annotations) {
            agents.insert(account.ref)
        }
        for workload in model.kubernetes.workloads where recognition.isAgent(name: workload.ref.name, labels: workload.labels, annotations: workload.annotations) {
            agents.insert(workload.serviceAccount)
        }
        var subjects = Set<PrincipalRef>()
        for grant in grants {
            if let principal = grant.subject?.principal { subjects.insert(principal) }
        }
        for principal in subjects where recognition.isAgent(name: principal.name) {
            agents.insert(principal)
        }
        self.agents = agents
    }

    func isAgent(_ principal: PrincipalRef) -> Bool {
        agents.contains(principal)
    }

    /// Positions of the grants whose statements list one of `actions` or `*`, in order.
    func candidateGrants(actions: Set<String>) -> [Int] {
        var indices = grantsByAction["*"] ?? []
        for action in actions { indices += grantsByAction[action] ?? [] }
        return Array(Set(indices)).sorted()
    }
}
