/// The merged model with what whole-model analyses derive from it once: effective
/// grants, an index of them by action, and which principals are agents.
struct ModelContext: Sendable {
    let model: IdentityModel
    let grants: [Grant]
    /// Grant positions by each action their statement lists (`*` included), so a rule
    /// looks only at grants that can allow what it looks for.
    let grantsByAction: [String: [Int]]
    /// For each grant, a number standing for its grantee (a subject through one binding,
    /// or an unbound role), so rules group grants without building keys each time.
    let granteeIDs: [Int]
    /// The grantee keys by number: stable identities for fingerprints.
    let granteeKeys: [String]
    private let agents: Set<PrincipalRef>

    init(model: IdentityModel, library: RuleLibrary) {
        self.model = model
        let grants = KubernetesRBACResolver(facts: model.kubernetes, builtInRoles: library.builtInRoles).grants()
        self.grants = grants
        var byAction: [String: [Int]] = [:]
        var granteeIDs: [Int] = []
        var granteeKeys: [String] = []
        var idByKey: [String: Int] = [:]
        granteeIDs.reserveCapacity(grants.count)
        for (index, grant) in grants.enumerated() {
            let actions = grant.statement.actions
            for (position, action) in actions.enumerated() where !actions[..<position].contains(where: { $0.value == action.value }) {
                byAction[action.value, default: []].append(index)
            }
            let key = Self.granteeKey(grant)
            if let id = idByKey[key] {
                granteeIDs.append(id)
            } else {
                idByKey[key] = granteeKeys.count
                granteeIDs.append(granteeKeys.count)
                granteeKeys.append(key)
            }
        }
        grantsByAction = byAction
        self.granteeIDs = granteeIDs
        self.granteeKeys = granteeKeys

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
        var marked = [Bool](repeating: false, count: grants.count)
        for action in actions.union(["*"]) {
            for index in grantsByAction[action] ?? [] { marked[index] = true }
        }
        return marked.indices.filter { marked[$0] }
    }

    private static func granteeKey(_ grant: Grant) -> String {
        if let subject = grant.subject {
            return "subject:\(subject.principal.identifier)@\(grant.binding.map { "\($0.kind)/\($0.namespace ?? "")/\($0.name)" } ?? "")"
        }
        return "role:\(grant.role.kind)/\(grant.role.namespace ?? "")/\(grant.role.name)"
    }
}
