import IdlintSyntax

/// Which cloud identity a workflow job can act as, read from the official login actions:
/// `aws-actions/configure-aws-credentials` with `role-to-assume`,
/// `google-github-actions/auth` with `service_account` or `workload_identity_provider`,
/// and `azure/login` with `client-id`. The job is a principal that may act as that role:
/// a trust edge, so a workflow pointed at another or a new role is a gain in the delta,
/// while its steps reordered or renamed are nothing. Actions are spelt as their platform
/// does (`sts:AssumeRoleWithWebIdentity`), so the delta ranks them as escalation. Which
/// credential the job signs in with is the credential delta's (`AutomationCredentials`).
enum WorkflowCloudTrust {
    static func grants(_ object: RecognizedObject) -> [DirectGrant] {
        let workflow = object.name ?? "workflow"
        var grants: [DirectGrant] = []
        object.node["jobs"]?.forEachEntry { name, job in
            let privileges = (job["steps"]?.elements ?? []).flatMap(cloudIdentities)
            if !privileges.isEmpty {
                let principal = PrincipalRef(platform: .github, kind: "Workflow job", name: "\(workflow) / \(name.text)")
                grants.append(DirectGrant(principal: principal, privileges: privileges, through: "workflow \(workflow)"))
            }
            return true
        }
        return grants
    }

    /// The cloud identities one step signs the job in as.
    private static func cloudIdentities(_ step: Node) -> [Privilege] {
        guard let uses = step.string("uses"), let with = step["with"], with.isMapping else { return [] }
        let action = uses.split(separator: "@").first.map { $0.lowercased() } ?? ""
        func value(_ key: String) -> String? { DirectGrantExtractors.text(with[key]) }
        func edge(_ verb: String, _ identity: String, _ how: String) -> Privilege {
            Privilege(action: verb, resource: identity, group: "", scope: how, names: [])
        }
        switch action {
        case "aws-actions/configure-aws-credentials":
            guard let role = value("role-to-assume") else { return [] }
            // With access keys the role is assumed from a user's keys; without, by OIDC.
            return with["aws-access-key-id"] != nil
                ? [edge("sts:AssumeRole", role, "from the job's access keys")]
                : [edge("sts:AssumeRoleWithWebIdentity", role, "from the job's OIDC token")]
        case "google-github-actions/auth":
            let provider = value("workload_identity_provider")
            if let account = value("service_account") {
                return [edge("iam.serviceAccounts.getAccessToken", account, provider.map { "through workload identity provider \($0)" } ?? "with a key")]
            }
            return provider.map { [edge("federate through", $0, "as the job's own principal")] } ?? []
        case "azure/login":
            guard let client = value("client-id") else { return [] }
            let tenant = value("tenant-id").map { " in tenant \($0)" } ?? ""
            return [edge("sign in as application", client, "from the job's OIDC token" + tenant)]
        default:
            return []
        }
    }
}
