import IdlintSyntax

/// The families that hold credentials, each with the function that reads them from an
/// object of its kind: a registry, as for direct grants.
enum CredentialExtractors {
    static let byKind: [String: @Sendable (RecognizedObject) -> [Credential]] = [
        "entra.application": EntraCredentials.credentials,
        "aws.iam.access-key": CloudKeyCredentials.awsAccessKey,
        "gcp.service-account-key": CloudKeyCredentials.gcpKeyFile,
        "gcp.service-account-key-resource": CloudKeyCredentials.gcpKeyResource,
        "keycloak.realm": KeycloakCredentials.credentials,
        "k8s.Config": KubernetesCredentials.kubeconfig,
        "k8s.Secret": KubernetesCredentials.serviceAccountToken,
        "gha.workflow": AutomationCredentials.workflow,
        "mcp.client-config": AutomationCredentials.mcpServers,
    ]

    /// A literal scalar's text; nil for a missing, null or unevaluated value.
    static func literal(_ node: Node?) -> String? {
        guard let node, node.isScalar, !node.isNull, !node.isUnevaluated, !node.text.isEmpty else { return nil }
        return node.text
    }
}
