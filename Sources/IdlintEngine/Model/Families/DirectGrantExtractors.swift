import IdlintSyntax

/// The families whose privileges are written where they are given, each with the
/// function that reads them from an object of its kind: a registry, so the scanner
/// needs no switch on kind strings and a new family is one entry here.
enum DirectGrantExtractors {
    static let byKind: [DocumentKind: @Sendable (RecognizedObject) -> [DirectGrant]] = [
        .githubWorkflow: { GitHubActionsGrants.grants($0) + WorkflowCloudTrust.grants($0) },
        .gitlabPipeline: GitLabCloudTrust.grants,
        .gitlabJobTokenScope: GitLabJobTokenScopes.grants,
        .kubernetesConfig: KubeconfigTrust.grants,
        .kubernetesServiceAccount: WorkloadIdentityTrust.grants,
        .mcpClientConfig: MCPServerTrust.grants,
        .codexConfig: MCPServerTrust.grants,
        .geminiSettings: MCPServerTrust.grants,
        .opencodeConfig: MCPServerTrust.grants,
        .amazonQAgent: MCPServerTrust.grants,
        .claudeUserConfig: MCPServerTrust.grants,
        .keycloakRealm: { KeycloakGrants.grants($0) + OAuthClientTrust.keycloakClients($0) + KeycloakClientScopes.grants($0) },
        .oauthClient: OAuthClientTrust.registration,
        .dexConfig: OAuthClientTrust.dexClients,
        .samlMetadata: SAMLTrust.grants,
        .entraApplication: EntraGrants.grants,
        .azureRoleAssignment: AzureAssignmentGrants.grants,
        .azureRoleEligibility: AzureAssignmentGrants.grants,
        .auth0ClientGrant: Auth0Grants.grant,
        .awsPolicyAttachment: AWSAttachmentGrants.grants,
        .awsIdentity: AWSAttachmentGrants.identityGrants,
    ]

    /// A value as the delta names it: its text, or that idlint could not evaluate it.
    static func text(_ node: Node?) -> String? {
        guard let node, node.isScalar, !node.isNull else { return nil }
        return node.isUnevaluated ? "\(node.text) (unresolved)" : node.text
    }
}
