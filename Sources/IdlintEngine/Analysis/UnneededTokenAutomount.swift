import IdlintSyntax

extension TokenAutomount {
    /// A workload whose service account no binding in the scanned files names still gets
    /// the account's token mounted. Only judged for the default account or one defined in
    /// the scanned files, since an account defined elsewhere may be bound elsewhere too. A
    /// binding counts even when its role is not in the files: the token is evidently used.
    /// A binding to a group of every account is no such evidence (see
    /// `everyAccountGroups`). A ServiceAccount that mounts its token, that no binding
    /// names and that no scanned workload runs as is reported on itself: every pod that
    /// will run as it gets the token.
    @Sendable static func unneeded(_ rule: Rule, _ model: IdentityModel) -> [Finding] {
        let kubernetes = model.kubernetes
        var granted = Set<PrincipalRef>()
        var grantedGroups = Set<String>()
        for principal in kubernetes.bindings.flatMap({ $0.subjects.map(\.principal) }) {
            if principal.kind == "ServiceAccount" {
                granted.insert(principal)
            } else if principal.kind == "Group", principal.name.hasPrefix("system:serviceaccounts:") {
                grantedGroups.insert(principal.name)
            }
        }
        func isUsed(_ account: PrincipalRef) -> Bool {
            granted.contains(account) || grantedGroups.contains(namespaceGroup(of: account))
        }
        var findings: [Finding] = []
        for mount in mounts(kubernetes) {
            let workload = kubernetes.workloads[mount.index]
            guard workload.serviceAccount.name == "default" || mount.accountIsDefined, !isUsed(workload.serviceAccount),
                  let location = workload.podSpecLocation else { continue }
            findings.append(finding(rule, kind: workload.ref.kind, name: workload.ref.name, account: workload.serviceAccount, at: location,
                                    path: "\(workload.ref)#serviceAccount"))
        }
        let runAs = Set(kubernetes.workloads.map(\.serviceAccount))
        var judged = Set<PrincipalRef>()
        for account in kubernetes.serviceAccounts where account.automountsCredential != false && !runAs.contains(account.ref) && !isUsed(account.ref) {
            // An account defined twice (a bundle beside its sources) is one account.
            guard judged.insert(account.ref).inserted, let location = account.location else { continue }
            findings.append(finding(rule, kind: "ServiceAccount", name: account.ref.name, account: account.ref, at: location,
                                    path: "ServiceAccount \(account.ref.namespace ?? "default")/\(account.ref.name)#automount"))
        }
        return findings
    }
}
