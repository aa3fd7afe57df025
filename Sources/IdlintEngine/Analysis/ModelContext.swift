/// The merged model with what whole-model analyses derive from it once: effective
/// grants, and which principals are agents.
struct ModelContext {
    let model: IdentityModel
    let grants: [Grant]
    let agentRecognition: AgentRecognition
    private let agentPrincipals: Set<PrincipalRef>

    init(model: IdentityModel, library: RuleLibrary) {
        self.model = model
        self.agentRecognition = library.agentRecognition
        grants = KubernetesRBACResolver(facts: model.kubernetes, builtInRoles: library.builtInRoles).grants()
        var agents = Set<PrincipalRef>()
        for account in model.kubernetes.serviceAccounts
        where library.agentRecognition.isAgent(name: account.ref.name, labels: account.labels, annotations: account.annotations) {
            agents.insert(account.ref)
        }
        for workload in model.kubernetes.workloads
        where library.agentRecognition.isAgent(name: workload.ref.name, labels: workload.labels, annotations: workload.annotations) {
            agents.insert(workload.serviceAccount)
        }
        agentPrincipals = agents
    }

    func isAgent(_ principal: PrincipalRef) -> Bool {
        agentPrincipals.contains(principal) || agentRecognition.isAgent(name: principal.name)
    }
}
