import IdlintSyntax

/// The families that hold credentials, each with the function that reads them from an
/// object of its kind: a registry, as for direct grants.
enum CredentialExtractors {
    static let byKind: [DocumentKind: @Sendable (RecognizedObject) -> [Credential]] = [
        .entraApplication: EntraCredentials.credentials,
        .awsAccessKey: CloudKeyCredentials.awsAccessKey,
        .gcpServiceAccountKey: CloudKeyCredentials.gcpKeyFile,
        .gcpServiceAccountKeyResource: CloudKeyCredentials.gcpKeyResource,
        .keycloakRealm: KeycloakCredentials.credentials,
        .kubernetesConfig: KubernetesCredentials.kubeconfig,
        .kubernetesSecret: KubernetesCredentials.serviceAccountToken,
        .githubWorkflow: AutomationCredentials.workflow,
        .mcpClientConfig: AutomationCredentials.mcpServers,
        .codexConfig: AutomationCredentials.mcpServers,
        .geminiSettings: AutomationCredentials.mcpServers,
        .opencodeConfig: AutomationCredentials.mcpServers,
        .amazonQAgent: AutomationCredentials.mcpServers,
        .claudeUserConfig: AutomationCredentials.mcpServers,
    ]

    /// A literal scalar's text; nil for a missing, null or unevaluated value.
    static func literal(_ node: Node?) -> String? {
        guard let node, node.isScalar, !node.isNull, !node.isUnevaluated, !node.text.isEmpty else { return nil }
        return node.text
    }
}
