import Dispatch

/// The merged model with what whole-model analyses derive from it once: effective
/// grant sets, an index of them by action, and which principals are agents.
struct ModelContext: Sendable {
    let model: IdentityModel
    let grantSets: [GrantSet]
    /// The statements as numbers, and which sets list which verbs, so a rule looks only
    /// at sets that can allow what it looks for.
    let statementIndex: StatementIndex
    let agents: AgentPrincipals

    init(model: IdentityModel, library: RuleLibrary, parallel: Bool) {
        self.model = model
        let sets = model.grantSets(library)
        grantSets = sets
        let recognition = library.agentRecognition
        // The statement index and the agent set are independent: build them side by side.
        guard parallel else {
            statementIndex = StatementIndex(sets)
            agents = AgentPrincipals(model.kubernetes, recognition)
            return
        }
        let index = Locked<StatementIndex?>(nil)
        let agents = Locked<AgentPrincipals?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                let built = StatementIndex(sets)
                index.withLock { $0 = built }
            } else {
                let found = AgentPrincipals(model.kubernetes, recognition)
                agents.withLock { $0 = found }
            }
        }
        statementIndex = index.withLock { $0! }
        self.agents = agents.withLock { $0! }
    }

    func isAgent(_ principal: PrincipalRef) -> Bool {
        agents.contains(principal)
    }
}
