/// The merged model with what whole-model analyses derive from it once: effective
/// grant sets, an index of them by action, and which principals are agents.
struct ModelContext: Sendable {
    let model: IdentityModel
    let grantSets: [GrantSet]
    /// The statements as numbers, and which sets list which verbs, so a rule looks only
    /// at sets that can allow what it looks for.
    let statementIndex: StatementIndex
    /// Principals recognised as agents from their objects' labels and annotations.
    private let agents: Set<PrincipalRef>
    private let agentRecognition: AgentRecognition

    init(model: IdentityModel, library: RuleLibrary) {
        self.model = model
        let sets = KubernetesRBACResolver(facts: model.kubernetes, builtInRoles: library.builtInRoles).grantSets()
        grantSets = sets
        statementIndex = StatementIndex(sets)

        let recognition = library.agentRecognition
        var agents = Set<PrincipalRef>()
        for account in model.kubernetes.serviceAccounts where recognition.isAgent(name: account.ref.name, labels: account.labels, annotations: account.annotations) {
            agents.insert(account.ref)
        }
        for workload in model.kubernetes.workloads where recognition.isAgent(name: workload.ref.name, labels: workload.labels, annotations: workload.annotations) {
            agents.insert(workload.serviceAccount)
        }
        self.agents = agents
        agentRecognition = recognition
    }

    /// An agent by its own name, or by the labels of its account or of a workload that runs as it.
    func isAgent(_ principal: PrincipalRef) -> Bool {
        agents.contains(principal) || agentRecognition.isAgent(name: principal.name)
    }
}
