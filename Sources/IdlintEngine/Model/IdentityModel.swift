/// Every fact the scan collected, merged across files: roles, bindings and policies from
/// each family's adapter, direct grants and credentials from the registries by kind
/// (`DirectGrantExtractors`, `CredentialExtractors`). Analyses read the whole model once
/// every file has been parsed.
public struct IdentityModel: Sendable {
    public var kubernetes = KubernetesFacts()
    public var awsPolicies: [AWSPolicy] = []
    public var gcpPolicies: [GCPPolicy] = []
    public var azureRoles: [AzureRoleDefinition] = []
    /// Privileges given where they are written, by the families without roles and bindings.
    public var directGrants: [DirectGrant] = []
    public var credentials: [Credential] = []

    public init() {}

    /// Every direct grant: the families' own, and AWS trust and resource policy statements.
    public var allDirectGrants: [DirectGrant] { directGrants + awsPolicies.flatMap(\.resourceGrants) }

    /// Empties the lists of permission statements: Kubernetes roles' rules, AWS policies'
    /// and Azure role definitions' statements. Only the grant sets and the rules that read
    /// them need statements, and once they are done, the statements are the largest part
    /// of a large scan's model (60 MB of the benchmark's 124 MB corpus): the analyses that
    /// read the model alone run after this. A boundary's copy of its policy's statements
    /// and a GCP binding's one statement (the role it names) are kept.
    mutating func releaseStatements() {
        for index in kubernetes.roles.indices { kubernetes.roles[index].rules = [] }
        for index in awsPolicies.indices { awsPolicies[index].statements = [] }
        for index in azureRoles.indices { azureRoles[index].statements = [] }
    }

    public mutating func merge(_ other: IdentityModel) {
        kubernetes.merge(other.kubernetes)
        awsPolicies += other.awsPolicies
        gcpPolicies += other.gcpPolicies
        azureRoles += other.azureRoles
        directGrants += other.directGrants
        credentials += other.credentials
    }
}
