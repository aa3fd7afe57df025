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
        for binding in kubernetes.bindings {
            for subject in binding.subjects {
                if subject.principal.kind == "ServiceAccount" {
                    granted.insert(subject.principal)
                } else if subject.principal.kind == "Group", subject.principal.name.hasPrefix("system:serviceaccounts:") {
                    grantedGroups.insert(subject.principal.name)
                }
            }
        }
        func isUsed(_ account: PrincipalRef) -> Bool {
            granted.contains(account) || grantedGroups.contains(namespaceGroup(of: account))
        }
        var findings: [Finding] = []
        let workloads = kubernetes.workloads
        for mount in mounts(kubernetes) {
            // Read in place: most workloads are judged and left, and a copy of each cost more.
            let account = workloads[mount.index].serviceAccount
            guard account.name == "default" || mount.accountIsDefined, !isUsed(account),
                  let location = workloads[mount.index].podSpecLocation else { continue }
            let ref = workloads[mount.index].ref
            findings.append(finding(rule, kind: ref.kind, name: ref.name, account: account, at: location, path: "\(ref)#serviceAccount"))
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
