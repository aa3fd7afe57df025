import IdlintSyntax

/// Service account tokens that pods get mounted, judged by what their accounts hold in
/// the scanned files: none at all (the token is not needed), or permissions that reach
/// secrets or let the holder act as others (the token is worth stealing).
enum TokenAutomount {
    /// Groups that every service account of the cluster is in. A binding to one gives all
    /// accounts the same grants, so it says nothing about whether one workload needs its
    /// token; what it grants still reaches that token.
    static let everyAccountGroups: Set<String> = ["system:authenticated", "system:serviceaccounts"]

    /// A workload whose pods get its account's token (by its place among the model's
    /// workloads: a dense corpus has tens of thousands, and copying each costs more than
    /// judging it), and whether the scanned files define that account.
    struct Mount {
        var index: Int
        var accountIsDefined: Bool
    }

    /// The pod spec's own setting wins over the account's; unset on both, the token is mounted.
    static func mounts(_ kubernetes: KubernetesFacts) -> [Mount] {
        // Each defined account's own setting; the first definition of an account wins.
        var automounts: [PrincipalRef: Bool?] = [:]
        for account in kubernetes.serviceAccounts where automounts[account.ref] == nil {
            automounts[account.ref] = .some(account.automountsCredential)
        }
        // Fields read in place: a copy of each workload retained all of its texts.
        let workloads = kubernetes.workloads
        return workloads.indices.compactMap { index in
            let definition = automounts[workloads[index].serviceAccount]
            guard workloads[index].automountToken ?? definition.flatMap({ $0 }) ?? true else { return nil }
            return Mount(index: index, accountIsDefined: definition != nil)
        }
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
