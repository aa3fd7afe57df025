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

    public mutating func merge(_ other: IdentityModel) {
        kubernetes.merge(other.kubernetes)
        awsPolicies += other.awsPolicies
        gcpPolicies += other.gcpPolicies
        azureRoles += other.azureRoles
        directGrants += other.directGrants
        credentials += other.credentials
    }
}
