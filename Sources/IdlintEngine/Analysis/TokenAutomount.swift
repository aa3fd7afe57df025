import IdlintSyntax

/// Service account tokens that pods get mounted, judged by what their accounts hold in
/// the scanned files: none at all (the token is not needed), or permissions that reach
/// secrets or let the holder act as others (the token is worth stealing).
enum TokenAutomount {
    /// Groups that every service account of the cluster is in. A binding to one gives all
    /// accounts the same grants, so it says nothing about whether one workload needs its
    /// token; what it grants still reaches that token.
    static let everyAccountGroups: Set<String> = ["system:authenticated", "system:serviceaccounts"]

    /// A workload whose pods get its account's token, and that account's definition
    /// when the scanned files hold one.
    struct Mount {
        var workload: KubernetesWorkload
        var definition: Principal?
        var account: PrincipalRef { workload.serviceAccount }
    }

    /// The pod spec's own setting wins over the account's; unset on both, the token is mounted.
    static func mounts(_ kubernetes: KubernetesFacts) -> [Mount] {
        let accounts = definitions(kubernetes)
        return kubernetes.workloads.compactMap { workload in
            let definition = accounts[workload.serviceAccount]
            guard workload.automountToken ?? definition?.automountsCredential ?? true else { return nil }
            return Mount(workload: workload, definition: definition)
        }
    }

    static func definitions(_ kubernetes: KubernetesFacts) -> [PrincipalRef: Principal] {
        Dictionary(kubernetes.serviceAccounts.map { ($0.ref, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The group of one namespace's service accounts.
    static func namespaceGroup(of account: PrincipalRef) -> String {
        "system:serviceaccounts:" + (account.namespace ?? "default")
    }

    static func finding(_ rule: Rule, kind: String, name: String, account: PrincipalRef, at location: SourceLocation, path: String,
                        permissions: String? = nil) -> Finding {
        let message = MessageTemplate.render(rule.message) { placeholder in
            switch placeholder {
            case "kind": kind
            case "name": name
            case "subject": "\(account)"
            case "permissions": permissions
            default: nil
            }
        }
        return Finding(ruleID: rule.id, severity: rule.severity, message: message, location: location, evidence: permissions,
                       documentKind: DocumentKind.kubernetes(kind).rawValue, logicalPath: path + Environment.qualifier(of: location), principal: "\(account)")
    }
}
