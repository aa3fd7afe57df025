import IdlintSyntax

/// Whole-model analyses written in Swift. A rule names one with `match: {analysis: NAME}`,
/// so its findings carry that rule's metadata like any other.
enum AnalysisRegistry {
    typealias Analysis = @Sendable (Rule, ModelContext) -> [Finding]

    static let analyses: [String: Analysis] = [
        "k8s.unneeded-token-automount": unneededTokenAutomount,
    ]

    static var names: Set<String> { Set(analyses.keys) }

    /// The placeholders an analysis rule's message may name.
    static let placeholderNames: Set<String> = ["kind", "name", "subject"]

    /// A workload whose service account no binding in the scanned files names still gets
    /// the account's token mounted. Only judged for the default account or one defined in
    /// the scanned files, since an account defined elsewhere may be bound elsewhere too. A
    /// binding counts even when its role is not in the files: the token is evidently used.
    @Sendable static func unneededTokenAutomount(_ rule: Rule, _ context: ModelContext) -> [Finding] {
        let kubernetes = context.model.kubernetes
        var granted = Set<PrincipalRef>()
        var groupGrantedNamespaces = Set<String>()
        var allAccountsGranted = false
        for principal in kubernetes.bindings.flatMap({ $0.subjects.map(\.principal) }) {
            if principal.kind == "ServiceAccount" {
                granted.insert(principal)
            } else if principal.kind == "Group" {
                if principal.name == "system:serviceaccounts" || principal.name == "system:authenticated" {
                    allAccountsGranted = true
                } else if principal.name.hasPrefix("system:serviceaccounts:") {
                    groupGrantedNamespaces.insert(String(principal.name.dropFirst("system:serviceaccounts:".count)))
                }
            }
        }
        guard !allAccountsGranted else { return [] }
        let accounts = Dictionary(kubernetes.serviceAccounts.map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first })
        var findings: [Finding] = []
        for workload in kubernetes.workloads {
            let account = workload.serviceAccount
            let definition = accounts[account]
            guard account.name == "default" || definition != nil else { continue }
            guard workload.automountToken ?? definition?.automountsCredential ?? true else { continue }
            guard !granted.contains(account), !groupGrantedNamespaces.contains(account.namespace ?? "default") else { continue }
            guard let location = workload.podSpecLocation else { continue }
            let message = MessageTemplate.render(rule.message) { placeholder in
                switch placeholder {
                case "kind": workload.ref.kind
                case "name": workload.ref.name
                case "subject": "\(account)"
                default: nil
                }
            }
            findings.append(Finding(
                ruleID: rule.id, severity: rule.severity, message: message, location: location,
                documentKind: DocumentKind.kubernetes(workload.ref.kind).rawValue, logicalPath: "\(workload.ref)#serviceAccount" + Environment.qualifier(of: workload.ref.location), principal: "\(account)"
            ))
        }
        return findings
    }
}
