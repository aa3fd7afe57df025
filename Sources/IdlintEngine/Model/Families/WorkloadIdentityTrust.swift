import IdlintSyntax

/// Which cloud identity a Kubernetes service account can act as, by the annotation
/// each cloud's workload identity reads: EKS's `eks.amazonaws.com/role-arn` (IRSA),
/// GKE's `iam.gke.io/gcp-service-account` and Azure's `azure.workload.identity/client-id`.
/// Every pod that runs as the account gets that identity, so it is a trust edge of the
/// account, held beside what RBAC grants it: pointing the annotation at another role is
/// a gain named in the delta, removing it only a loss, relabelling the account nothing.
/// (The cloud side must trust the account too; that is the cloud's trust policy.)
enum WorkloadIdentityTrust {
    private static let annotations = [
        ("eks.amazonaws.com/role-arn", "sts:AssumeRoleWithWebIdentity", "from its projected token (EKS IRSA)"),
        ("iam.gke.io/gcp-service-account", "iam.serviceAccounts.getAccessToken", "through GKE workload identity"),
        ("azure.workload.identity/client-id", "sign in as application", "from its projected token (Azure workload identity)"),
    ]

    static func grants(_ object: RecognizedObject) -> [DirectGrant] {
        guard let name = object.name, let written = object.node["metadata"]?["annotations"], written.isMapping else { return [] }
        let privileges = annotations.compactMap { key, action, how in
            DirectGrantExtractors.text(written[key]).map { Privilege(action: action, resource: $0, group: "", scope: how, names: []) }
        }
        guard !privileges.isEmpty else { return [] }
        let namespace = object.namespace ?? "default"
        return [DirectGrant(principal: PrincipalRef(platform: .kubernetes, kind: "ServiceAccount", name: name, namespace: namespace),
                            privileges: privileges, through: "ServiceAccount \(namespace)/\(name) annotations")]
    }
}
