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
        let recognition = library.agentRecognition
        // The agent set needs no grant set: it is found on one core while the other
        // resolves the grant sets and indexes them.
        guard parallel else {
            grantSets = model.grantSets(library)
            statementIndex = StatementIndex(grantSets)
            agents = AgentPrincipals(model.kubernetes, recognition)
            return
        }
        let resolved = Locked<(sets: [GrantSet], index: StatementIndex)?>(nil)
        let agents = Locked<AgentPrincipals?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                let sets = model.grantSets(library)
                let index = StatementIndex(sets)
                resolved.withLock { $0 = (sets, index) }
            } else {
                let found = AgentPrincipals(model.kubernetes, recognition)
                agents.withLock { $0 = found }
            }
        }
        (grantSets, statementIndex) = resolved.withLock { $0! }
        self.agents = agents.withLock { $0! }
    }

    func isAgent(_ principal: PrincipalRef) -> Bool {
        agents.contains(principal)
    }
}
