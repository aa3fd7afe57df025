import Dispatch
import Synchronization

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

    init(model: IdentityModel, library: RuleLibrary, parallel: Bool) {
        self.model = model
        let sets = model.grantSets(library)
        grantSets = sets
        let recognition = library.agentRecognition
        agentRecognition = recognition
        // The statement index and the agent set are independent: build them side by side.
        let index = Mutex<StatementIndex?>(nil)
        let agents = Mutex<Set<PrincipalRef>>([])
        let build: @Sendable (Int) -> Void = { part in
            if part == 0 {
                let built = StatementIndex(sets)
                index.withLock { $0 = built }
            } else {
                let found = Self.agents(in: model.kubernetes, recognition)
                agents.withLock { $0 = found }
            }
        }
        if parallel {
            DispatchQueue.concurrentPerform(iterations: 2, execute: build)
        } else {
            build(0)
            build(1)
        }
        statementIndex = index.withLock { $0! }
        self.agents = agents.withLock { $0 }
    }

    private static func agents(in kubernetes: KubernetesFacts, _ recognition: AgentRecognition) -> Set<PrincipalRef> {
        var agents = Set<PrincipalRef>()
        for account in kubernetes.serviceAccounts where recognition.isAgent(name: account.ref.name, labels: account.labels, annotations: account.annotations) {
            agents.insert(account.ref)
        }
        for workload in kubernetes.workloads where recognition.isAgent(name: workload.ref.name, labels: workload.labels, annotations: workload.annotations) {
            agents.insert(workload.serviceAccount)
        }
        return agents
    }

    /// An agent by its own name, or by the labels of its account or of a workload that runs as it.
    func isAgent(_ principal: PrincipalRef) -> Bool {
        agents.contains(principal) || agentRecognition.isAgent(name: principal.name)
    }
}
