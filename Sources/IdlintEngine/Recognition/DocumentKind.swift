import IdlintSyntax

/// What a recognised object is, as rules select it with `kinds:` (`k8s.ClusterRole`,
/// `aws.iam.policy`, `keycloak.realm`). Only recognisers make kinds, and each declares
/// the kinds it makes (`producedKinds`), so that the registry below is what a rule file
/// may name: a misspelt kind is an error at load, not a rule that never runs.
public struct DocumentKind: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// A Kubernetes object of any kind (`k8s.ConfigMap` too): manifests are open-ended,
    /// though rules may only name the kinds the registry lists.
    static func kubernetes(_ kind: String) -> DocumentKind {
        DocumentKind("k8s." + kind)
    }

    public var description: String { rawValue }

    /// The last dotted part (`ClusterRole`, `policy`): what `{kind}` prints in a message.
    public var shortName: String {
        // Asked of every object the Kubernetes adapter reads: the last word found in place,
        // where splitting made an array of every word.
        guard let dot = rawValue.utf8.lastIndex(of: UInt8(ascii: ".")), dot != rawValue.utf8.index(before: rawValue.utf8.endIndex) else {
            return rawValue.split(separator: ".").last.map(String.init) ?? rawValue
        }
        return String(rawValue[rawValue.utf8.index(after: dot)...])
    }

    public static func < (lhs: DocumentKind, rhs: DocumentKind) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// Every kind some recogniser declares: the kinds a rule file may name.
    public static let registered: Set<DocumentKind> = Set(Recognition.standardRecognizers.flatMap { type(of: $0).producedKinds })

    /// Kinds that every recogniser making them makes from XML only. The XML parser gives
    /// an element as a mapping and a repeated element as a repeated key, never a list, so
    /// a path that steps into a list (`[*]`, `[0]`) can never reach anything in them.
    static let readOnlyFromXML: Set<DocumentKind> = {
        let recognizers = Recognition.standardRecognizers.map { type(of: $0) }
        return Set(recognizers.flatMap { $0.kindsReadOnlyFromXML }).filter { kind in
            recognizers.allSatisfy { !$0.producedKinds.contains(kind) || $0.kindsReadOnlyFromXML.contains(kind) }
        }
    }()

    /// Reads the `kinds:` of a data file (a rule, a surface); nil when absent. A kind no
    /// recogniser produces is an error at its own entry, with the nearest registered kind.
    static func list(in owner: Node, key: String = "kinds") throws -> [DocumentKind]? {
        guard let value = owner[key], !value.isNull else { return nil }
        _ = try value.asStringList(key)
        return try (value.isSequence ? value.elements : [value]).map { entry in
            let kind = DocumentKind(entry.text)
            guard registered.contains(kind) else {
                let hint = Spelling.nearest(entry.text, among: registered.map(\.rawValue)).map { "did you mean \($0)?" }
                    ?? "known kinds: \(registered.sorted().map(\.rawValue).joined(separator: ", "))"
                throw DataFileError(entry, "unknown kind '\(entry.text)'; \(hint)")
            }
            return kind
        }
    }
}

// The kinds, by the family that produces them. Recognisers name these constants, never
// strings, so renaming one is a compile error everywhere it is used.
extension DocumentKind {
    static let kubernetesRole = kubernetes("Role")
    static let kubernetesClusterRole = kubernetes("ClusterRole")
    static let kubernetesRoleBinding = kubernetes("RoleBinding")
    static let kubernetesClusterRoleBinding = kubernetes("ClusterRoleBinding")
    static let kubernetesServiceAccount = kubernetes("ServiceAccount")
    static let kubernetesSecret = kubernetes("Secret")
    /// Read for what it should not hold: credentials belong in a Secret.
    static let kubernetesConfigMap = kubernetes("ConfigMap")
    static let kubernetesConfig = kubernetes("Config")
    static let kubernetesPod = kubernetes("Pod")
    static let kubernetesDeployment = kubernetes("Deployment")
    static let kubernetesStatefulSet = kubernetes("StatefulSet")
    static let kubernetesDaemonSet = kubernetes("DaemonSet")
    static let kubernetesReplicaSet = kubernetes("ReplicaSet")
    static let kubernetesReplicationController = kubernetes("ReplicationController")
    static let kubernetesJob = kubernetes("Job")
    static let kubernetesCronJob = kubernetes("CronJob")
    static let kubernetesWorkloads: Set<DocumentKind> = [
        kubernetesPod, kubernetesDeployment, kubernetesStatefulSet, kubernetesDaemonSet, kubernetesReplicaSet,
        kubernetesJob, kubernetesCronJob, kubernetesReplicationController,
    ]
    static let kubernetesRBAC: Set<DocumentKind> = [kubernetesRole, kubernetesClusterRole, kubernetesRoleBinding, kubernetesClusterRoleBinding]

    static let awsPolicy = DocumentKind("aws.iam.policy")
    static let awsTrustPolicy = DocumentKind("aws.iam.trust-policy")
    static let awsAccessKey = DocumentKind("aws.iam.access-key")
    static let awsIdentity = DocumentKind("aws.iam.identity")
    static let awsPolicyAttachment = DocumentKind("aws.iam.policy-attachment")
    static let awsOIDCProvider = DocumentKind("aws.iam.oidc-provider")
    static let awsServiceControlPolicy = DocumentKind("aws.organizations.scp")
    /// What `aws iam get-policy` says of an AWS managed policy: its ARN and how many
    /// identities it is attached to, not which.
    static let awsManagedPolicyUsage = DocumentKind("aws.iam.managed-policy-usage")
    /// A Terraform `aws_iam_user_login_profile`: a console password Terraform generates.
    static let awsLoginProfile = DocumentKind("aws.iam.login-profile")
    /// A Lambda function's resource-based permission, written as fields, not a policy:
    /// CloudFormation's `AWS::Lambda::Permission` (its `Properties`), Terraform's
    /// `aws_lambda_permission`.
    static let awsLambdaPermission = DocumentKind("aws.lambda.permission")

    static let gcpPolicy = DocumentKind("gcp.iam.policy")
    static let gcpMember = DocumentKind("gcp.iam.member")
    static let gcpServiceAccountKey = DocumentKind("gcp.service-account-key")
    static let gcpServiceAccountKeyResource = DocumentKind("gcp.service-account-key-resource")
    static let gcpWorkloadIdentityProvider = DocumentKind("gcp.workload-identity-provider")
    /// A Compute Engine VM or instance template: the service account its code runs as
    /// (`service_account { email, scopes }`).
    static let gcpComputeInstance = DocumentKind("gcp.compute-instance")
    /// Access written as a Cloud Storage ACL or a BigQuery dataset's access list, beside
    /// IAM: Terraform's `google_storage_*_acl` and `google_bigquery_dataset(_access)`,
    /// Deployment Manager's bucket and dataset properties.
    static let gcpLegacyACL = DocumentKind("gcp.legacy-acl")
    /// A GKE node pool, or a cluster's default pool: the account its nodes run as
    /// (`node_config { service_account, oauth_scopes }`).
    static let gcpNodePool = DocumentKind("gcp.gke-node-pool")
    /// A Cloud Run service or a Cloud Function: the runtime service account it names,
    /// or the project's default one when it names none.
    static let gcpServerlessService = DocumentKind("gcp.serverless-service")

    static let azureRoleDefinition = DocumentKind("azure.role-definition")
    static let azureRoleAssignment = DocumentKind("azure.role-assignment")
    /// A Privileged Identity Management eligible assignment: the role is held only once
    /// activated, for a bounded time, so it is no standing assignment.
    static let azureRoleEligibility = DocumentKind("azure.role-eligibility")

    static let keycloakRealm = DocumentKind("keycloak.realm")
    static let entraApplication = DocumentKind("entra.application")
    static let auth0Tenant = DocumentKind("auth0.tenant")
    static let auth0Client = DocumentKind("auth0.client")
    static let auth0ResourceServer = DocumentKind("auth0.resource-server")
    static let auth0ClientGrant = DocumentKind("auth0.client-grant")
    static let dexConfig = DocumentKind("dex.config")
    static let oidcDiscovery = DocumentKind("oidc.discovery")
    static let oauthClient = DocumentKind("oauth.client")
    static let jwk = DocumentKind("jwk")

    static let samlMetadata = DocumentKind("saml.metadata")
    static let samlMetadataAggregate = DocumentKind("saml.metadata-aggregate")
    static let samlToolkitSettings = DocumentKind("saml.toolkit-settings")
    static let samlSpringRegistration = DocumentKind("saml.spring-registration")
    static let shibbolethConfig = DocumentKind("shibboleth.sp-config")
    static let keycloakSAMLAdapter = DocumentKind("keycloak.saml-adapter")

    static let githubWorkflow = DocumentKind("gha.workflow")
    static let gitlabPipeline = DocumentKind("gitlab.ci")
    static let gitlabJobTokenScope = DocumentKind("gitlab.job-token-scope")
    static let mcpClientConfig = DocumentKind("mcp.client-config")
    static let claudeSettings = DocumentKind("claude.settings")
    static let codexConfig = DocumentKind("codex.config")
    static let claudeUserConfig = DocumentKind("claude.user-config")
    static let geminiSettings = DocumentKind("gemini.settings")
    static let cursorCLIConfig = DocumentKind("cursor.cli-config")
    static let opencodeConfig = DocumentKind("opencode.config")
    static let aiderConfig = DocumentKind("aider.config")
    static let amazonQAgent = DocumentKind("amazonq.agent")
    static let vscodeSettings = DocumentKind("vscode.settings")
}
