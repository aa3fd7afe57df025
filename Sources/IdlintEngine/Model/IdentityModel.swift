/// Every fact the scan collected, merged across files. Packs add their own kinds of
/// fact; analyses read the whole model once every file has been parsed.
public struct IdentityModel: Sendable {
    public var kubernetes = KubernetesFacts()
    public var awsPolicies: [AWSPolicy] = []
    public var gcpPolicies: [GCPPolicy] = []
    public var azureRoles: [AzureRoleDefinition] = []

    public init() {}

    /// AWS trust and resource policy statements, as what they give to the principals they name.
    public var awsResourceGrants: [ResourceGrant] { awsPolicies.flatMap(\.resourceGrants) }

    public mutating func merge(_ other: IdentityModel) {
        kubernetes.merge(other.kubernetes)
        awsPolicies += other.awsPolicies
        gcpPolicies += other.gcpPolicies
        azureRoles += other.azureRoles
    }
}
